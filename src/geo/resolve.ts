import type { Doc, PlaceMention } from '../core/doc.js';
import { type Gazetteer, type GeoEntry, regionOf } from './gazetteer.js';
import { longestCountryAt, mayNameCountry, type PlaceCandidate } from './detect.js';
import { distanceKm } from './names.js';
import { startsUpper } from '../core/text.js';

/** Scoring weights (see docs/dates-and-places.md). */
const W = {
  /** a country name is read as the country unless the text pins another reading */
  countryBase: 8.5,
  capital: 0.3,
  regionSeat: 0.2,
  /** the candidate's country is named in the article (1 in the same sentence, 0.7 elsewhere) */
  context: 1.5,
  /** another place of the article lies within NEAR_KM */
  near: 1.0,
  /** the candidate's admin1 region is named in the article */
  region: 1.0,
};
const NEAR_KM = 300;

/** A country named in the text (or, for the second look, the country of a named actor or a resolved place). */
export interface CountryMention {
  code: string;
  sent: number;
  start: number;
  end: number;
}

/** What the article says about countries and places, for disambiguation. */
export interface GeoContext {
  /** country code → its mentions (token spans excluded per candidate) */
  countries: Map<string, CountryMentions>;
  /** places already pinned down (single reading or explicit qualifier): entry → token starts */
  anchors: Map<GeoEntry, Set<number>>;
}

/** country names and demonyms in the article's capitalized words, in text order */
export function countryMentions(doc: Doc): CountryMention[] {
  const out: CountryMention[] = [];
  const toks = doc.tokens;
  for (let k = 0; k < toks.length; k++) {
    if (!startsUpper(toks[k].text) || !mayNameCountry(doc, k)) continue;
    const c = longestCountryAt(doc, k, Math.min(4, toks.length - k), true);
    if (c) { out.push({ code: c.code, sent: toks[k].sent, start: k, end: k + c.len }); k += c.len - 1; }
  }
  return out;
}

/**
 * One country's mentions in the order noted, and the same by sentence, indexed as weighing needs it (`n`: how
 * many of `all` are in `at`; lists only grow), so weighing stays linear
 */
interface CountryMentions {
  all: CountryMention[];
  n: number;
  at: Map<number, CountryMention[]>;
}

function noteCountry(ctx: GeoContext, m: CountryMention): void {
  const list = ctx.countries.get(m.code);
  if (list) list.all.push(m); else ctx.countries.set(m.code, { all: [m], n: 0, at: new Map() });
}

/**
 * A fresh context (resolveAll adds to it) from the document's country mentions (countryMentions, found once per
 * document: the places stage keeps them for the locate stage's second look) and extra ones.
 */
export function documentContext(mentions: readonly CountryMention[], extra: readonly CountryMention[] = []): GeoContext {
  const ctx: GeoContext = { countries: new Map(), anchors: new Map() };
  for (const m of mentions) noteCountry(ctx, m);
  for (const m of extra) noteCountry(ctx, m);
  return ctx;
}

function contextWeight(ctx: GeoContext, country: string, sent: number, start: number, end: number): number {
  const idx = ctx.countries.get(country);
  if (!idx) return 0;
  const list = idx.all;
  for (; idx.n < list.length; idx.n++) {
    const m = list[idx.n];
    const l = idx.at.get(m.sent);
    if (l) l.push(m); else idx.at.set(m.sent, [m]);
  }
  // a mention overlapping the candidate (the candidate itself) shares its tokens, so its sentence
  let overlapping = 0;
  const here = idx.at.get(sent);
  if (here) for (const m of here) {
    if (m.start < end && m.end > start) overlapping++;
    else return 1;
  }
  return list.length > overlapping ? 0.7 : 0;
}

/** the readings left after the text's own constraints (qualifier, geo noun, city over same-named region) */
export function constrain(g: Gazetteer, cand: PlaceCandidate): GeoEntry[] {
  // one reading stays: each keep() below keeps it or leaves the list as it was, and the last filter drops a
  // region only for a city in the list
  if (cand.entries.length === 1) return [g.entry(cand.entries[0])];
  let list = cand.entries.map((i) => g.entry(i));
  const keep = (f: (e: GeoEntry) => boolean) => { const l = list.filter(f); if (l.length) list = l; };
  if (cand.qualAdmin1 !== null) {
    const a = g.entry(cand.qualAdmin1);
    keep((e) => e.country === a.country && e.admin1Code === a.admin1Code && e !== a);
  }
  const inAlt = (e: GeoEntry) => {
    if (cand.qualAlt === null) return false;
    const a = g.entry(cand.qualAlt);
    return e.country === a.country && e.admin1Code === a.admin1Code && e !== a;
  };
  if (cand.qualCountry) keep((e) => e.country === cand.qualCountry || inAlt(e));
  if (cand.want === 'capital') keep((e) => e.feature === 'PPLC');
  else if (cand.want === 'city') keep((e) => e.kind === 'city');
  else if (cand.want === 'admin1') keep((e) => e.kind === 'admin1');
  if (cand.want !== 'admin1') {
    // "Idlib" is the city, "Idlib province" the region; "Washington" the capital, not the state
    list = list.filter((e) => !(e.kind === 'admin1' && list.some((o) => o.kind === 'city' && o.country === e.country && (o.admin1Code === e.admin1Code || o.feature === 'PPLC'))));
  }
  return list;
}

export interface Resolved {
  entry: GeoEntry;
  confidence: number;
  explicit: boolean;
}

/**
 * Pick the reading of a candidate: population, capital status, article context, nearby places. `list` is
 * constrain(g, cand), when the caller has it.
 */
export function resolveCandidate(doc: Doc, g: Gazetteer, cand: PlaceCandidate, ctx: GeoContext, list: GeoEntry[] = constrain(g, cand)): Resolved | null {
  if (!list.length) return null;
  const explicit = cand.qualCountry !== null || cand.qualAdmin1 !== null;
  const sent = doc.tokens[cand.start].sent;
  // the other anchors (an anchor at this very token is the candidate itself): regions and places, read by a
  // loop per reading; a document has few anchors, so this beats building arrays, a Set and its string keys
  // (they only weigh readings that are not countries)
  const regions: GeoEntry[] = [];
  const nearby: GeoEntry[] = [];
  let places = false;
  for (const e of list) if (e.kind !== 'country') places = true;
  if (places) for (const [e, starts] of ctx.anchors) {
    if (starts.size === 1 && starts.has(cand.start)) continue;
    if (e.kind === 'admin1') regions.push(e);
    if (e.kind !== 'country') nearby.push(e);
  }
  // the best reading (the first of the highest scores: what a stable sort puts first) and the runner-up's score
  let best = list[0];
  let bestS = -Infinity;
  let secondS = -Infinity;
  for (const e of list) {
    let s = e.kind === 'country' ? W.countryBase : Math.log10(e.population + 10);
    if (e.feature === 'PPLC') s += W.capital;
    else if (e.feature === 'PPLA') s += W.regionSeat;
    s += W.context * contextWeight(ctx, e.country, sent, cand.start, cand.end);
    if (e.kind !== 'country') {
      if (nearby.some((a) => a !== e && distanceKm(a.lat, a.lon, e.lat, e.lon) < NEAR_KM)) s += W.near;
      // (country codes have no '.', so this is the admin1Key(country, code) match it stands for)
      if (e.admin1Code && regions.some((r) => r.country === e.country && r.admin1Code === e.admin1Code)) s += W.region;
    }
    if (s > bestS) { secondS = bestS; bestS = s; best = e; } else if (s > secondS) secondS = s;
  }
  const margin = list.length > 1 ? bestS - secondS : 4;
  const confidence = explicit ? 0.95 : Math.min(0.95, Math.max(0.5, 0.5 + margin / 4));
  return { entry: best, confidence: Math.round(confidence * 100) / 100, explicit };
}

function addAnchor(ctx: GeoContext, e: GeoEntry, start: number): void {
  const starts = ctx.anchors.get(e);
  if (starts) starts.add(start); else ctx.anchors.set(e, new Set([start]));
}

/** a resolved candidate becomes an anchor, and its country a mention */
function pin(doc: Doc, ctx: GeoContext, c: PlaceCandidate, r: Resolved): void {
  addAnchor(ctx, r.entry, c.start);
  noteCountry(ctx, { code: r.entry.country, sent: doc.tokens[c.start].sent, start: c.start, end: c.end });
}

/** do all readings lie in one country? */
function oneCountry(list: GeoEntry[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i].country !== list[0].country) return false;
  return true;
}

/** Resolve all candidates in two passes: the pinned-down ones first become anchors for the rest. */
export function resolveAll(doc: Doc, g: Gazetteer, cands: PlaceCandidate[], ctx: GeoContext, lists: GeoEntry[][] = cands.map((c) => constrain(g, c))): (Resolved | null)[] {
  // (the text's constraints do not change between passes: once per candidate, or given by the caller)
  const out: (Resolved | null)[] = cands.map(() => null);
  cands.forEach((c, i) => {
    const list = lists[i];
    // (an empty list resolves to null, as one of a single country)
    if (list.length === 1 || c.qualCountry || c.qualAdmin1 !== null || oneCountry(list)) {
      const r = resolveCandidate(doc, g, c, ctx, list);
      out[i] = r;
      if (r) pin(doc, ctx, c, r);
    }
  });
  // then the clear readings of the rest ("Washington": the capital) anchor the unclear ones ("Alexandria"),
  // all read with the anchors of the first pass
  const open = cands.map((_, i) => i).filter((i) => !out[i]);
  const second = open.map((i) => resolveCandidate(doc, g, cands[i], ctx, lists[i]));
  open.forEach((i, j) => {
    const r = second[j];
    if (!r || r.confidence < 0.75) return;
    out[i] = r;
    pin(doc, ctx, cands[i], r);
  });
  cands.forEach((c, i) => {
    if (!out[i]) out[i] = resolveCandidate(doc, g, c, ctx, lists[i]);
  });
  return out;
}

/** The public PlaceMention for a resolved candidate. */
export function toMention(doc: Doc, g: Gazetteer, cand: PlaceCandidate, r: Resolved): PlaceMention {
  const e = r.entry;
  const region = regionOf(g, e);
  return {
    start: cand.start,
    end: cand.end,
    text: doc.spanText(cand.start, cand.end),
    name: e.name,
    country: e.country,
    admin1: region ? region.name : null,
    lat: e.lat,
    lon: e.lon,
    precision: e.kind === 'city' ? 'city' : e.kind,
    confidence: r.confidence,
  };
}
