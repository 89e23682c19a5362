import type { Doc, PlaceMention } from '../core/doc.js';
import { type Gazetteer, type GeoEntry, regionOf, admin1Key } from './gazetteer.js';
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

/** What the article says about countries and places, for disambiguation. */
export interface GeoContext {
  /** country code → sentences in which it is named (token spans excluded per candidate) */
  countries: Map<string, { sent: number; start: number; end: number }[]>;
  /** places already pinned down (single reading or explicit qualifier): entry → token starts */
  anchors: Map<GeoEntry, Set<number>>;
}

/** country names and demonyms in the article's capitalized words */
export function documentContext(doc: Doc, extra: { country: string; sent: number; start: number; end: number }[] = []): GeoContext {
  const ctx: GeoContext = { countries: new Map(), anchors: new Map() };
  const note = (code: string, sent: number, start: number, end: number) => {
    const list = ctx.countries.get(code) ?? [];
    list.push({ sent, start, end });
    ctx.countries.set(code, list);
  };
  const toks = doc.tokens;
  for (let k = 0; k < toks.length; k++) {
    if (!startsUpper(toks[k].text) || !mayNameCountry(doc, k)) continue;
    const c = longestCountryAt(doc, k, Math.min(4, toks.length - k), true);
    if (c) { note(c.code, toks[k].sent, k, k + c.len); k += c.len - 1; }
  }
  for (const x of extra) note(x.country, x.sent, x.start, x.end);
  return ctx;
}

type CountryMentions = { sent: number; start: number; end: number }[];
/** each mention list by sentence, indexed incrementally (lists only grow), so weighing stays linear */
const bySent = new WeakMap<CountryMentions, { n: number; at: Map<number, CountryMentions> }>();

function contextWeight(ctx: GeoContext, country: string, sent: number, start: number, end: number): number {
  const list = ctx.countries.get(country);
  if (!list) return 0;
  let idx = bySent.get(list);
  if (!idx) { idx = { n: 0, at: new Map() }; bySent.set(list, idx); }
  for (; idx.n < list.length; idx.n++) {
    const m = list[idx.n];
    const l = idx.at.get(m.sent);
    if (l) l.push(m); else idx.at.set(m.sent, [m]);
  }
  // a mention overlapping the candidate (the candidate itself) shares its tokens, so its sentence
  let overlapping = 0;
  for (const m of idx.at.get(sent) ?? []) {
    if (m.start < end && m.end > start) overlapping++;
    else return 1;
  }
  return list.length > overlapping ? 0.7 : 0;
}

/** the readings left after the text's own constraints (qualifier, geo noun, city over same-named region) */
export function constrain(g: Gazetteer, cand: PlaceCandidate): GeoEntry[] {
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

/** Pick the reading of a candidate: population, capital status, article context, nearby places. */
export function resolveCandidate(doc: Doc, g: Gazetteer, cand: PlaceCandidate, ctx: GeoContext): Resolved | null {
  const list = constrain(g, cand);
  if (!list.length) return null;
  const explicit = cand.qualCountry !== null || cand.qualAdmin1 !== null;
  const sent = doc.tokens[cand.start].sent;
  const others = [...ctx.anchors.entries()].filter(([, starts]) => starts.size > 1 || !starts.has(cand.start)).map(([e]) => e);
  const mentionedRegions = new Set(others.filter((e) => e.kind === 'admin1').map((e) => admin1Key(e.country, e.admin1Code ?? '')));
  const nearby = others.filter((e) => e.kind !== 'country');
  const scored = list.map((e) => {
    let s = e.kind === 'country' ? W.countryBase : Math.log10(e.population + 10);
    if (e.feature === 'PPLC') s += W.capital;
    else if (e.feature === 'PPLA') s += W.regionSeat;
    s += W.context * contextWeight(ctx, e.country, sent, cand.start, cand.end);
    if (e.kind !== 'country') {
      if (nearby.some((a) => a !== e && distanceKm(a.lat, a.lon, e.lat, e.lon) < NEAR_KM)) s += W.near;
      if (e.admin1Code && mentionedRegions.has(admin1Key(e.country, e.admin1Code))) s += W.region;
    }
    return { e, s };
  }).sort((a, b) => b.s - a.s);
  const best = scored[0];
  const margin = scored.length > 1 ? best.s - scored[1].s : 4;
  const confidence = explicit ? 0.95 : Math.min(0.95, Math.max(0.5, 0.5 + margin / 4));
  return { entry: best.e, confidence: Math.round(confidence * 100) / 100, explicit };
}

function addAnchor(ctx: GeoContext, e: GeoEntry, start: number): void {
  const starts = ctx.anchors.get(e) ?? new Set<number>();
  starts.add(start);
  ctx.anchors.set(e, starts);
}

/** Resolve all candidates in two passes: the pinned-down ones first become anchors for the rest. */
export function resolveAll(doc: Doc, g: Gazetteer, cands: PlaceCandidate[], ctx: GeoContext): (Resolved | null)[] {
  const out: (Resolved | null)[] = cands.map(() => null);
  cands.forEach((c, i) => {
    const list = constrain(g, c);
    const countries = new Set(list.map((e) => e.country));
    if (list.length === 1 || c.qualCountry || c.qualAdmin1 !== null || countries.size === 1) {
      const r = resolveCandidate(doc, g, c, ctx);
      out[i] = r;
      if (r) {
        addAnchor(ctx, r.entry, c.start);
        const sent = doc.tokens[c.start].sent;
        const list2 = ctx.countries.get(r.entry.country) ?? [];
        list2.push({ sent, start: c.start, end: c.end });
        ctx.countries.set(r.entry.country, list2);
      }
    }
  });
  // then the clear readings of the rest ("Washington": the capital) anchor the unclear ones ("Alexandria")
  const open = cands.map((_, i) => i).filter((i) => !out[i]);
  const second = open.map((i) => resolveCandidate(doc, g, cands[i], ctx));
  open.forEach((i, j) => {
    const r = second[j];
    if (!r || r.confidence < 0.75) return;
    out[i] = r;
    addAnchor(ctx, r.entry, cands[i].start);
    const list2 = ctx.countries.get(r.entry.country) ?? [];
    list2.push({ sent: doc.tokens[cands[i].start].sent, start: cands[i].start, end: cands[i].end });
    ctx.countries.set(r.entry.country, list2);
  });
  cands.forEach((c, i) => {
    if (!out[i]) out[i] = resolveCandidate(doc, g, c, ctx);
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
