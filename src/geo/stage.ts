import type { Stage } from '../core/stage.js';
import { DocKey, type Doc, type PlaceMention } from '../core/doc.js';
import type { EventLocation } from '../core/event.js';
import { eventScope, clauseAt } from '../core/scope.js';
import { gazetteer, type Gazetteer, type GeoEntry } from './gazetteer.js';
import { detectPlaces, roleOf, type PlaceCandidate, type PlaceRole } from './detect.js';
import { constrain, countryMentions, documentContext, resolveAll, toMention, type CountryMention, type Resolved } from './resolve.js';

/** populated places big enough to be read as places outside a locative phrase ("shelled Kharkiv") */
const NOTABLE_POPULATION = 50000;

/** the detection behind each doc.places entry and the document's country mentions, for the locate stage's second look */
const FOUND = new DocKey<{ cands: PlaceCandidate[]; lists: GeoEntry[][]; explicit: boolean[]; countries: CountryMention[] }>('geo.found');

function accept(g: Gazetteer, c: PlaceCandidate, r: Resolved): boolean {
  const e = r.entry;
  if (g.stop.has(c.key) && !r.explicit) return false;
  if (e.kind === 'country') {
    // a country outside a locative phrase is an actor ("Russia attacked Ukraine"), not a place
    return c.role === 'locative' || c.role === 'directional' || c.role === 'origin' || c.direction;
  }
  switch (c.role) {
    case 'locative': case 'directional': case 'origin': case 'target': case 'of':
      return true;
    case 'object': case 'dateline':
      return r.explicit || e.kind === 'admin1' || e.population >= NOTABLE_POPULATION || e.feature === 'PPLC' || e.feature === 'PPLA';
    default:
      return r.explicit;
  }
}

/**
 * places: find place names in NP chunks and resolve them against the offline gazetteer. Fills doc.places and
 * sets chunk.place on the NP that names each place. Produces no actor mentions.
 */
export const placesStage: Stage = {
  name: 'places',
  requires: ['chunks'],
  assigns: ['places'],
  run(doc: Doc) {
    const g = gazetteer();
    doc.places = [];
    const cands = detectPlaces(doc, g);
    const lists = cands.map((c) => constrain(g, c));
    // the country mentions only weigh a candidate's readings against each other (resolveCandidate): a document
    // whose candidates have one reading at most never reads them, here or in refine
    const countries = lists.some((l) => l.length > 1) ? countryMentions(doc) : [];
    const res = resolveAll(doc, g, cands, documentContext(countries), lists);
    const kept: PlaceCandidate[] = [];
    const keptLists: GeoEntry[][] = [];
    const explicit: boolean[] = [];
    cands.forEach((c, i) => {
      const r = res[i];
      if (!r || !accept(g, c, r)) return;
      doc.places.push(toMention(doc, g, c, r));
      doc.chunks[c.chunk].place = doc.places.length - 1;
      kept.push(c);
      keptLists.push(lists[i]);
      explicit.push(r.explicit);
    });
    doc.keep(FOUND, { cands: kept, lists: keptLists, explicit, countries });
  },
};

/**
 * second look with the countries of named actors ("Tripoli" + "Hezbollah" → Lebanon): re-resolves unpinned
 * places. Country words are already counted; agents are skipped, as their country may come from the place.
 */
function refine(doc: Doc): void {
  const f = doc.derived(FOUND);
  // a candidate of one reading resolves to it whatever the context: only places of two or more readings can change
  if (!f || !f.lists.some((l) => l.length > 1)) return;
  const extra = doc.mentions
    .filter((m) => m.country && !m.locative && (m.kind === 'person' || m.kind === 'group'))
    .map((m): CountryMention => ({ code: m.country!, sent: doc.tokens[m.start].sent, start: m.start, end: m.end }));
  if (!extra.length) return;
  const g = gazetteer();
  const res = resolveAll(doc, g, f.cands, documentContext(f.countries, extra), f.lists);
  f.cands.forEach((c, i) => {
    const r = res[i];
    if (!r || f.explicit[i]) return;
    const p = doc.places[i];
    if (p.name !== r.entry.name || p.country !== r.entry.country) doc.places[i] = toMention(doc, g, c, r);
  });
}

const PRECISION_RANK = { city: 3, admin1: 2, country: 1 } as const;

function toLocation(p: PlaceMention): EventLocation {
  return { name: p.name, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon, precision: p.precision };
}

/** is place a inside place b (same country; b a country, or b the admin1 region of a)? */
function inside(a: PlaceMention, b: PlaceMention): boolean {
  if (a.country !== b.country) return false;
  if (b.precision === 'country') return a.precision !== 'country';
  if (b.precision === 'admin1') return a.precision === 'city' && a.admin1 === b.name;
  return false;
}

/** is clause c a participial/infinitival complement (at any depth) of clause top? */
function descendsFrom(doc: Doc, c: number, top: number): boolean {
  for (let x = doc.clauses[c], hops = 0; x.parent !== null && hops < 6; x = doc.clauses[x.parent], hops++) {
    if (x.kind !== 'participial' && x.kind !== 'infinitival' && x.kind !== 'purpose') return false;
    if (x.parent === top) return true;
  }
  return false;
}

const PLACE_INDEX = new DocKey<{ n: number; chunkOf: Map<number, number>; placesIn: Map<number, number[]> }>('geo.placeIndex');

/** place → its NP chunk, and place indices per sentence, once per document (not once per event) */
function placeIndex(doc: Doc): { chunkOf: Map<number, number>; placesIn: Map<number, number[]> } {
  const had = doc.derived(PLACE_INDEX);
  if (had && had.n === doc.places.length) return had;
  const chunkOf = new Map<number, number>();
  doc.chunks.forEach((ch, c) => { if (ch.place !== undefined) chunkOf.set(ch.place, c); });
  const placesIn = new Map<number, number[]>();
  doc.places.forEach((p, pi) => {
    const s = doc.tokens[p.start].sent;
    const l = placesIn.get(s);
    if (l) l.push(pi); else placesIn.set(s, [pi]);
  });
  const idx = { n: doc.places.length, chunkOf, placesIn };
  doc.keep(PLACE_INDEX, idx);
  return idx;
}

/** where an event happened, from the places of its own clauses, else its sentence */
export function locateEvent(doc: Doc, i: number): EventLocation | null {
  const { chunkOf, placesIn } = placeIndex(doc);
  // no place in the event's sentence (eventScope's sent), nothing to pick from: skip scoping the event
  if (!placesIn.has(doc.clauses[doc.eventMeta[i].clause].sent)) return null;
  const scope = eventScope(doc, i);
  const ev = doc.events[i];
  // material acts happen at their object ("shelled Kharkiv"), and so do visits and meetings ("visited Moscow")
  const material = ev.quad_class === 2 || ev.quad_class === 4 || ev.cameo_root === '04';
  // a statement's place is where it was said: not what it is about ("accused X of moving towards Russia")
  const rank = (role: PlaceRole): number => {
    switch (role) {
      case 'locative': return 3;
      case 'object': case 'target': return material ? 2 : -1;
      case 'directional': return material ? 1 : -1;
      case 'dateline': return material ? -1 : 0.5; // where the report was filed, not where the attack was
      case 'of': case 'other': return 0.5;
      default: return -1; // origin ("troops from Chad")
    }
  };
  const pick = (ok: (clause: number) => boolean): PlaceMention | null => {
    const list: { p: PlaceMention; r: number }[] = [];
    (placesIn.get(scope.sent) ?? []).forEach((pi) => {
      const p = doc.places[pi];
      if (doc.tokens[p.start].sent !== scope.sent) return;
      const cl = clauseAt(doc, p.start);
      if (!ok(cl)) return;
      const c = chunkOf.get(pi);
      const r = rank(c === undefined ? 'other' : roleOf(doc, c));
      if (r >= 0) list.push({ p, r });
    });
    if (!list.length) return null;
    list.sort((a, b) => b.r - a.r || PRECISION_RANK[b.p.precision] - PRECISION_RANK[a.p.precision]);
    let best = list[0].p;
    // "shelled Kharkiv in northern Ukraine": the more precise place inside the chosen one
    for (const x of list) if (inside(x.p, best) && PRECISION_RANK[x.p.precision] > PRECISION_RANK[best.precision]) best = x.p;
    return best;
  };
  const own = pick((c) => scope.own.has(c));
  if (own) return toLocation(own);
  const anc = pick((c) => scope.ancestors.includes(c) && !scope.others.has(c));
  if (anc) return toLocation(anc);
  // the rest of the sentence: verbless fragments and the event's own subordinate participles, not clauses that
  // predicate something else ("..., while Turkey has backed the government in Tripoli")
  const sent = pick((c) => c >= 0 && !scope.others.has(c) && (doc.clauses[c].verb === null || descendsFrom(doc, c, scope.clause)));
  return sent ? toLocation(sent) : null;
}

/** locate: set event.location for each event (after refining ambiguous places with the actors' countries). */
export const locateStage: Stage = {
  name: 'locate',
  requires: ['events', 'places'],
  assigns: ['event-places'],
  run(doc: Doc) {
    refine(doc);
    doc.events.forEach((ev, i) => {
      if (!doc.eventMeta[i]) return;
      ev.location = locateEvent(doc, i);
      const l = ev.location;
      if (l) ev.explain?.rules.push(`location ${l.name}, ${l.country} (${l.precision})`);
    });
  },
};
