import { DocKey, type Doc, type Chunk, type Token } from '../core/doc.js';
import type { Gazetteer } from './gazetteer.js';
import { countryIndex } from './countries.js';
import { normName } from './names.js';
import { HASH_START, hashChar, hashStr } from '../core/keyfilter.js';
import { LOCATIVE, DIRECTIONAL, TARGETING, GEO_NOUNS, REGION_AFTER, CITY_AFTER, DIRECTIONS, TITLES, NAME_CONNECTORS, FACILITIES } from './words.js';
import { startsUpper, coordinationGap, plainKey } from '../core/text.js';

/** How the NP that names a place sits in its clause. */
export type PlaceRole = 'locative' | 'target' | 'directional' | 'origin' | 'object' | 'of' | 'dateline' | 'other';

/** A name in the text that the gazetteer knows, with what the context says about it. */
export interface PlaceCandidate {
  chunk: number;
  /** token range of the name */
  start: number;
  end: number;
  key: string;
  /** gazetteer entry indices */
  entries: number[];
  role: PlaceRole;
  /** country the text pins the name to ("Tripoli, Lebanon", "the Libyan capital of Tripoli") */
  qualCountry: string | null;
  /** admin1 entry the text pins the name to ("Paris, Texas") */
  qualAdmin1: number | null;
  /** a region the qualifier may name instead of its country ("Athens, Georgia") */
  qualAlt: number | null;
  /** what a geo noun asks for ("capital of", "Idlib province") */
  want: 'capital' | 'city' | 'admin1' | null;
  /** "northern Syria" */
  direction: boolean;
}

const TEMPORAL = /^(last|this|next|yesterday|today|tonight|overnight|early|late|(mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|morning|afternoon|evening|night|week|weekend|month|year)$/;
const isCap = (t: Token) => startsUpper(t.text);
const isPossessive = (t: Token | undefined) => !!t && (t.lower === "'s" || t.lower === '’s' || t.lower === "'" || t.lower === '’');

/**
 * normName of a token's text, memoised process-wide: news vocabulary repeats, and normName (NFD, five regex
 * passes) is the costly part of every key. Bounded: the memo starts afresh past MEMO_MAX distinct texts.
 */
const MEMO_MAX = 100_000;
let normMemo = new Map<string, string>();
function tokenNorm(text: string): string {
  let n = normMemo.get(text);
  if (n === undefined) {
    n = normName(text);
    if (normMemo.size >= MEMO_MAX) normMemo = new Map();
    normMemo.set(text, n);
  }
  return n;
}

const NORMS = new DocKey<(string | undefined)[]>('geo.norms');

/** the normalized keys of a document's tokens (filled lazily) */
function normsOf(doc: Doc): (string | undefined)[] {
  return doc.derived(NORMS) ?? doc.keep(NORMS, []);
}

/**
 * the normalized key of token k; a plain ASCII word's is its lower case (normName only lower-cases such a word),
 * which the token has: no memo lookup
 */
function tokenKey(doc: Doc, cache: (string | undefined)[], k: number): string {
  let n = cache[k];
  if (n === undefined) {
    const t = doc.tokens[k];
    n = plainKey(t.text, t.lower) ?? tokenNorm(t.text);
    cache[k] = n;
  }
  return n;
}

/** the normalized key of a token range: the tokens' keys joined by spaces, empty ones left out */
export function rangeKey(doc: Doc, start: number, end: number): string {
  const cache = normsOf(doc);
  let key = '';
  for (let k = start; k < end; k++) {
    const n = tokenKey(doc, cache, k);
    if (n) key = key ? key + ' ' + n : n;
  }
  return key;
}

/** the first word of the key of a range that starts at token k: "" when token k's own key is empty */
function firstWordAt(doc: Doc, k: number): string {
  const n = tokenKey(doc, normsOf(doc), k);
  const sp = n.indexOf(' ');
  return sp < 0 ? n : n.slice(0, sp);
}

/** country code a range's key (rangeKey) names as a country name or demonym ("Lebanon", "Lebanese", "U.S.") */
function countryOfKey(key: string): string | null {
  return countryKeys().get(key) || null;
}

let countryKeyMap: Map<string, string> | null = null;
/**
 * Every key that names a country → its code, and every leading word sequence of a longer one → "" ("the",
 * "the gambia"), so that longestCountryAt grows a range with one lookup per length. A key's code is the one of
 * names.get(key) ?? demonyms.get(key) ?? (key.endsWith('s') ? demonyms.get(key.slice(0, -1)) : undefined):
 * names first, then demonyms, then plural demonyms ("syrians"), each only where no earlier one has the key.
 */
function countryKeys(): Map<string, string> {
  if (countryKeyMap) return countryKeyMap;
  const ci = countryIndex();
  const map = new Map<string, string>();
  for (const [k, code] of ci.names) map.set(k, code);
  for (const [k, code] of ci.demonyms) if (!map.has(k)) map.set(k, code);
  for (const [k, code] of ci.demonyms) if (!map.has(k + 's')) map.set(k + 's', code);
  for (const k of [...ci.names.keys(), ...ci.demonyms.keys()]) {
    for (let at = k.indexOf(' '); at >= 0; at = k.indexOf(' ', at + 1)) {
      const prefix = k.slice(0, at);
      if (!map.has(prefix)) map.set(prefix, '');
    }
  }
  if (!map.has('')) map.set('', '');
  countryKeyMap = map;
  return map;
}

/**
 * The longest range k..k+len (len ≤ maxLen; inside token k's sentence when sameSentence) that names a country
 * (countryOfKey of its rangeKey), the one a search from maxLen down to 1 finds. The range grows a token at a time and stops
 * once its key neither names a country nor begins a country key: a longer range's key only adds whole words.
 */
export function longestCountryAt(doc: Doc, k: number, maxLen: number, sameSentence: boolean): { len: number; code: string } | null {
  const toks = doc.tokens;
  const cache = normsOf(doc);
  const keys = countryKeys();
  let key = '';
  let best: { len: number; code: string } | null = null;
  for (let l = 1; l <= maxLen; l++) {
    const j = k + l - 1;
    if (sameSentence && toks[j].sent !== toks[k].sent) break; // sentences are contiguous: so are all longer ranges
    const n = tokenKey(doc, cache, j);
    if (n) key = key ? key + ' ' + n : n;
    const code = keys.get(key);
    if (code === undefined) break;
    if (code) best = { len: l, code };
  }
  return best;
}

/**
 * Can a range starting at token k name a country (countryOfKey)? False when token k has a key and its first
 * word starts no country name or demonym, so callers skip their 1..4-token windows at once.
 */
export function mayNameCountry(doc: Doc, k: number): boolean {
  const w = firstWordAt(doc, k);
  if (!w) return true; // the range's key starts at a later token: let countryOfKey decide
  return countryFirstWords().has(w);
}

let countryFirst: Set<string> | null = null;
/**
 * first words of every country name and demonym key, each also with an "s" (countryOfKey's plural demonyms,
 * "Syrians"): one lookup per word, with no sliced string to hash
 */
function countryFirstWords(): Set<string> {
  if (countryFirst) return countryFirst;
  const ci = countryIndex();
  const set = new Set<string>();
  for (const k of [...ci.names.keys(), ...ci.demonyms.keys()]) {
    const w = k.split(' ')[0];
    set.add(w);
    set.add(w + 's');
  }
  countryFirst = set;
  return set;
}

/** the country named or qualified anywhere in a token range (demonyms, names; longest first) */
function countryIn(doc: Doc, start: number, end: number): string | null {
  for (let k = start; k < end; k++) {
    if (!isCap(doc.tokens[k]) || !mayNameCountry(doc, k)) continue;
    const c = longestCountryAt(doc, k, Math.min(4, end - k), false);
    if (c) return c.code;
  }
  return null;
}

/**
 * longest gazetteer name starting at token k, not past `end`. The key filter answers first for token k's first
 * word and then for each range (hashed from the cached token keys, as rangeKey would join them): only a range it
 * may hold builds its key and looks it up in byName.
 */
function matchAt(doc: Doc, g: Gazetteer, k: number, end: number): { end: number; key: string; entries: number[] } | null {
  const toks = doc.tokens;
  const cache = normsOf(doc);
  const first = tokenKey(doc, cache, k);
  const sp = first.indexOf(' ');
  // (an empty key is no first word: the filter holds no empty string, and a false positive is caught below)
  const firstHash = hashStr(HASH_START, first, 0, sp < 0 ? first.length : sp);
  if (!first || !g.keys.mayHaveEither(firstHash)) return null;
  const lim = Math.min(g.maxWords + 2, end - k);
  // a range k..k+l needs its inner tokens (k+1..k+l-2) capitalised or connectors: r is the first that is
  // neither, so only l ≤ r - k + 1 qualify (tested once per token, not once per range that holds it)
  let r = k + 1;
  while (r <= k + lim - 2 && (isCap(toks[r]) || NAME_CONNECTORS.has(toks[r].lower))) r++;
  for (let l = Math.min(lim, r - k + 1); l >= 1; l--) {
    const last = toks[k + l - 1];
    if (!isCap(last)) continue; // (A-Z is upper case too)
    // (a range's key is looked up as a name: the filter's names alone; token k's own key is hashed already)
    if (!g.keys.mayHave(l === 1 && sp < 0 ? firstHash : rangeHash(doc, cache, k, k + l))) continue;
    const key = rangeKey(doc, k, k + l);
    const entries = g.byName.get(key);
    if (entries) return { end: k + l, key, entries };
  }
  return null;
}

/** hashStr(HASH_START, rangeKey(doc, start, end)), without building the key */
function rangeHash(doc: Doc, cache: (string | undefined)[], start: number, end: number): number {
  let h = HASH_START;
  let any = false;
  for (let k = start; k < end; k++) {
    const n = tokenKey(doc, cache, k);
    if (!n) continue;
    if (any) h = hashChar(h, 32); // the space between keys
    h = hashStr(h, n);
    any = true;
  }
  return h;
}

/** the role of an NP from its preposition, or from the NP it describes ("the capital of Tripoli") */
export function roleOf(doc: Doc, c: number): PlaceRole {
  const ch = doc.chunks[c];
  if (ch.prep !== undefined) {
    const p = doc.tokens[ch.prep].lower;
    if (p === 'of' && c > 0) {
      const prev = doc.chunks[c - 1];
      if (prev.kind === 'NP' && prev.end === ch.prep && GEO_NOUNS[doc.tokens[prev.head].lower]) return roleOf(doc, c - 1);
    }
    if (p === 'of') return 'of'; // "the mayor of San Jose", "the people of Gaza"
    if (p === 'from') return 'origin';
    if (LOCATIVE.has(p)) return 'locative';
    if (TARGETING.has(p)) return 'target';
    if (DIRECTIONAL.has(p)) return 'directional';
    return 'other';
  }
  const prev = c > 0 ? doc.chunks[c - 1] : null;
  if (prev && prev.kind === 'VG' && prev.end === ch.start) return 'object';
  // "in Sanaa and Aden", "Dallas and Paris": a coordinated NP shares the role of the first
  if (prev && prev.kind === 'NP' && prev.end < ch.start) {
    // (a comma alone only inside a longer list: "In 2014, Russia annexed" is no coordination)
    const gap = coordinationGap(doc.tokens, prev.end, ch.start);
    const nx = doc.chunks[c + 1];
    if (gap && (gap.conj || (!!nx && nx.kind === 'NP' && nx.prep === undefined && !!coordinationGap(doc.tokens, ch.end, nx.start)))) return roleOf(doc, c - 1);
  }
  const next = doc.chunks[c + 1];
  if (next && next.kind === 'VG' && next.start === ch.end) {
    const vg = doc.verbs.find((v) => v.chunk === c + 1);
    if (vg?.passive) return 'object'; // "Kharkiv was shelled"
  }
  const first = doc.sentences[ch.sent].first;
  const after = doc.tokens[ch.end];
  if (ch.start === first && after && (after.text === ',' || after.text === '(' || after.text === '—' || after.text === '-')) return 'dateline';
  return 'other';
}

/** qualifiers from the NP before an "of" NP: "the Libyan capital of", "Lebanon's second city of", "the U.S. state of" */
function ofQualifier(doc: Doc, c: number): { country: string | null; want: PlaceCandidate['want'] } | null {
  const ch = doc.chunks[c];
  if (ch.prep === undefined || doc.tokens[ch.prep].lower !== 'of' || c === 0) return null;
  const prev = doc.chunks[c - 1];
  if (prev.kind !== 'NP' || prev.end !== ch.prep) return null;
  const kind = GEO_NOUNS[doc.tokens[prev.head].lower];
  if (!kind) return null;
  return { country: countryIn(doc, prev.start, prev.head), want: kind === 'area' ? null : kind };
}

/** ", Lebanon" / ", Texas" / ", Va." / " in northern Lebanon" right after a name: the country and admin1 it pins */
function trailingQualifier(doc: Doc, g: Gazetteer, end: number, sentEnd: number): { country: string | null; admin1: number | null; alt: number | null; chunk: number } | null {
  const t = doc.tokens[end];
  if (!t) return null;
  const comma = t.text === ',';
  const inPrep = t.lower === 'in';
  if (!comma && !inPrep) return null;
  // the last NP chunk starting at end + 1 (chunks are in token order: binary search, not a scan from 0)
  let lo = 0, hi = doc.chunks.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (doc.chunks[mid].start <= end + 1) lo = mid + 1; else hi = mid; }
  let c = -1;
  for (let x = lo - 1; x >= 0 && doc.chunks[x].start === end + 1; x--) if (doc.chunks[x].kind === 'NP') { c = x; break; }
  if (c < 0) return null;
  const ch = doc.chunks[c];
  let s = ch.start;
  while (s < ch.end && (DIRECTIONS.has(doc.tokens[s].lower) || doc.tokens[s].pos === 'DET')) s++;
  for (let e = Math.min(ch.end, sentEnd); e > s; e--) {
    const key = rangeKey(doc, s, e);
    const country = countryOfKey(key);
    const regions = (g.byName.get(key) ?? []).filter((i) => g.entry(i).kind === 'admin1');
    // "Athens, Georgia": a word that names a country and a region pins either
    if (country) return { country, admin1: null, alt: regions.length === 1 && comma ? regions[0] : null, chunk: c };
    const q = g.qualifiers.get(key);
    if (q !== undefined && comma) return { country: g.entry(q).country, admin1: q, alt: null, chunk: c };
    if (regions.length === 1 && comma) return { country: g.entry(regions[0]).country, admin1: regions[0], alt: null, chunk: c };
  }
  return null;
}

/**
 * Find place names in NP chunks: gazetteer names (cities, regions, countries) in capitalized tokens, with
 * the context that pins them (trailing ", Country", possessor "Lebanon's", "the Libyan capital of", region
 * keywords, direction adjectives) and the NP's role. Names that read as people ("President Jackson",
 * "Jordan Peterson") or as organisations ("the Washington Post") are skipped.
 */
export function detectPlaces(doc: Doc, g: Gazetteer): PlaceCandidate[] {
  const out: PlaceCandidate[] = [];
  const consumed = new Set<number>();
  doc.chunks.forEach((ch: Chunk, c: number) => {
    if (ch.kind !== 'NP' || consumed.has(c)) return;
    const toks = doc.tokens;
    const sent = doc.sentences[ch.sent];
    let possessorCountry: string | null = null;
    let possessorAdmin: number | null = null;
    for (let k = ch.start; k < ch.end; k++) {
      const t = toks[k];
      if (!isCap(t)) continue;
      const m = matchAt(doc, g, k, ch.end);
      if (!m) continue;
      // a name inside a longer proper name: "George Washington", "President Jackson", "Jordan Peterson"
      const before = toks[k - 1];
      if (before && TITLES.has(before.lower) && isCap(before)) { k = m.end - 1; continue; }
      if (before && k > ch.start && before.pos === 'PROPN' && isCap(before) && !DIRECTIONS.has(before.lower)) { k = m.end - 1; continue; }
      const after = toks[m.end];
      const afterInChunk = m.end < ch.end ? after : undefined;
      // a modifier, not a place: "the Washington Post", "the Paris agreement", "the U.S. state of"
      if (afterInChunk && !isPossessive(afterInChunk)) {
        // a noun in the rest of the NP, up to a time word ("Turkey last month")
        let nounAfter = false;
        for (let j = m.end; j < ch.end && !TEMPORAL.test(toks[j].lower); j++) {
          if (toks[j].pos === 'NOUN' || toks[j].pos === 'PROPN') { nounAfter = true; break; }
        }
        const keyword = REGION_AFTER.has(afterInChunk.lower) || CITY_AFTER.has(afterInChunk.lower) || !!GEO_NOUNS[afterInChunk.lower] || FACILITIES.has(toks[ch.head].lower);
        const countryOnly = m.entries.every((i) => g.entry(i).kind === 'country');
        if (nounAfter && (!keyword || countryOnly)) { k = m.end - 1; continue; }
        // a demonym before a noun is an adjective, not the region of that name: "the Somali border" (not
        // Ethiopia's Somali Region), unless a region word follows ("Somali region")
        // (the demonym test last: it normalizes the span's text)
        if (nounAfter && !REGION_AFTER.has(afterInChunk.lower) && !CITY_AFTER.has(afterInChunk.lower) && countryIndex().demonyms.has(normName(doc.spanText(k, m.end)))) { k = m.end - 1; continue; }
      }
      if (afterInChunk && (afterInChunk.text === '-' || /^-/.test(afterInChunk.text))) { k = m.end - 1; continue; } // "Iran-backed"
      // sentence-initial capital on a common noun: "Police said", "Union members"
      if (k === sent.first && t.pos !== 'PROPN' && t.text !== t.text.toUpperCase()) { k = m.end - 1; continue; }
      if (isPossessive(afterInChunk)) {
        // "Lebanon's Tripoli", "Syria's north": a qualifier, or the place itself when the head is a geo noun
        const country = m.entries.map((i) => g.entry(i)).find((e) => e.kind === 'country')?.country ?? null;
        let capAfter = false;
        for (let j = m.end + 1; j < ch.end; j++) if (isCap(toks[j])) { capAfter = true; break; }
        if (capAfter) {
          possessorCountry = country;
          const reg = m.entries.filter((i) => g.entry(i).kind === 'admin1');
          possessorAdmin = reg.length === 1 ? reg[0] : null;
          if (!possessorCountry && possessorAdmin !== null) possessorCountry = g.entry(possessorAdmin).country;
          k = m.end;
          continue;
        }
        if (!GEO_NOUNS[toks[ch.head].lower]) { k = m.end; continue; }
      }
      let qualCountry = possessorCountry;
      let qualAdmin1 = possessorAdmin;
      let qualAlt: number | null = null;
      let want: PlaceCandidate['want'] = null;
      // demonym or country word earlier in the NP: "the Lebanese port city Tripoli"
      if (!qualCountry) qualCountry = countryIn(doc, ch.start, k);
      const of = ofQualifier(doc, c);
      if (of) { qualCountry = qualCountry ?? of.country; want = of.want; }
      // a geo noun in the NP itself: "the city of" is a separate NP, "Idlib province" / "Idlib city" is not
      if (afterInChunk && REGION_AFTER.has(afterInChunk.lower)) want = 'admin1';
      else if (afterInChunk && CITY_AFTER.has(afterInChunk.lower)) want = 'city';
      else if (!want) {
        for (let j = ch.start; j < k; j++) {
          const gk = GEO_NOUNS[toks[j].lower];
          if (gk && gk !== 'area') want = gk;
        }
      }
      const trail = m.end >= ch.end ? trailingQualifier(doc, g, m.end, sent.last) : null;
      if (trail) {
        qualCountry = trail.country ?? qualCountry;
        qualAdmin1 = trail.admin1 ?? qualAdmin1;
        qualAlt = trail.alt;
        if (doc.tokens[m.end].text === ',') consumed.add(trail.chunk);
      }
      let direction = false;
      for (let j = ch.start; j < k; j++) if (DIRECTIONS.has(toks[j].lower)) direction = true;
      out.push({
        chunk: c, start: k, end: m.end, key: m.key, entries: m.entries, role: roleOf(doc, c),
        qualCountry, qualAdmin1, qualAlt, want, direction,
      });
      k = m.end - 1;
    }
  });
  return out;
}
