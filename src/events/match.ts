import type { Doc, Chunk } from '../core/doc.js';
import type { VerbDictionary, VerbPattern } from './dictionary.js';
import { singular } from '../nlp/lexicon.js';

/** where words before the head may be matched: the head token and the first token of the window */
export interface PreWindow {
  head: number;
  from: number;
  /** does the clause subject name two or more actors? (asked by '%' patterns only) */
  compound: () => boolean;
}

export interface PatternMatch {
  pattern: VerbPattern;
  /** NP chunk index holding the target slot, when the pattern has `*` (or the first actor after the head) */
  targetChunk: number | null;
  /** last token matched by the pattern */
  lastToken: number;
  /** first token matched before the head (words of `before > verb`), or null */
  firstPre: number | null;
}

function wordsAt(doc: Doc, k: number, end: number, words: string[]): boolean {
  if (k + words.length > end) return false;
  for (let j = 0; j < words.length; j++) {
    const t = doc.tokens[k + j];
    const w = words[j];
    if (t.lemma !== w && t.lower !== w && !(t.pos === 'PROPN' && maySingular(t.lower, w) && singular(t.lower) === w)) return false;
  }
  return true;
}

/** can singular(lower) be w? It keeps the first character and drops at most two characters (a cheap test first) */
function maySingular(lower: string, w: string): boolean {
  return w.length <= lower.length && w.length >= lower.length - 2 && w.charCodeAt(0) === lower.charCodeAt(0);
}

/** can singular(w) differ from w? Only for a word in -s or -men (its every rule needs one of those ends) */
function mayChangeSingular(w: string): boolean {
  const n = w.length;
  return w.charCodeAt(n - 1) === 115 || (n > 4 && w.endsWith('men')); // 's'
}

/** fewer patterns than this are matched without the possible() pre-check (its result would be the same) */
const POSSIBLE_MIN_PATTERNS = 3;

/**
 * The pre-check of one head's pattern list: every word its patterns use (before or after the head) has a bit;
 * each alternative of each word element is the bits of its words. A token range sets the bits of the forms by
 * which its tokens can match (see wordsAt), and an element is possible when all the bits of one of its
 * alternatives are set: the same test as looking each word up in the set of the range's forms, with integer
 * operations in place of string lookups (the lookups were ~2 % of coding time).
 */
interface ListCheck {
  /** the list's length when built: patterns added later make a new check */
  length: number;
  bit: Map<string, number>;
  /** 32-bit words per presence mask */
  size: number;
  /** per pattern: its `elems`' and its `pre`'s word elements, each a list of alternatives, each [word, bits] pairs */
  elems: number[][][][];
  pre: number[][][][];
  /**
   * the presence masks of the range after the head and of the window before it, reused by every match on this
   * list (matchPatterns calls nothing that matches again, so one pair per list suffices)
   */
  after: Int32Array;
  before: Int32Array;
  /** per pattern: weightOf(pattern), the first part of a match's score */
  weights: Int32Array;
}

const checks = new WeakMap<VerbPattern[], ListCheck>();

function listCheck(list: VerbPattern[]): ListCheck {
  let c = checks.get(list);
  if (c && c.length === list.length) return c;
  const bit = new Map<string, number>();
  const compile = (elems: VerbPattern['elems']): number[][][] => {
    const out: number[][][] = [];
    for (const e of elems) {
      if (e.kind !== 'word') continue;
      out.push(e.alts.map((alt) => {
        const words = new Map<number, number>();
        for (const w of alt) {
          let b = bit.get(w);
          if (b === undefined) bit.set(w, (b = bit.size));
          words.set(b >>> 5, (words.get(b >>> 5) ?? 0) | (1 << (b & 31)));
        }
        return [...words].flat();
      }));
    }
    return out;
  };
  const elems = list.map((p) => compile(p.elems));
  const pre = list.map((p) => compile(p.pre));
  const size = (bit.size + 31) >>> 5;
  c = { length: list.length, bit, size, elems, pre, after: new Int32Array(size), before: new Int32Array(size), weights: Int32Array.from(list, weightOf) };
  checks.set(list, c);
  return c;
}

/** the presence mask of a token range: the bits of every form by which one of its tokens can match a word */
function presence(doc: Doc, c: ListCheck, from: number, end: number, mask: Int32Array): Int32Array {
  mask.fill(0);
  const bit = c.bit;
  for (let k = from; k < end; k++) {
    const t = doc.tokens[k];
    let b = bit.get(t.lemma);
    if (b !== undefined) mask[b >>> 5] |= 1 << (b & 31);
    // (the lower form is most often the lemma: one lookup then)
    if (t.lower !== t.lemma) {
      b = bit.get(t.lower);
      if (b !== undefined) mask[b >>> 5] |= 1 << (b & 31);
    }
    // (singular() changes only words in -s or -men: any other's singular is its lower form, looked up above)
    if (t.pos === 'PROPN' && mayChangeSingular(t.lower)) {
      b = bit.get(singular(t.lower));
      if (b !== undefined) mask[b >>> 5] |= 1 << (b & 31);
    }
  }
  return mask;
}

/** a cheap necessary condition: every word element has an alternative whose words all occur in the range */
function possible(elems: number[][][], mask: Int32Array): boolean {
  for (const alts of elems) {
    let any = false;
    for (const alt of alts) {
      let all = true;
      for (let i = 0; i < alt.length; i += 2) if ((mask[alt[i]] & alt[i + 1]) !== alt[i + 1]) { all = false; break; }
      if (all) { any = true; break; }
    }
    if (!any) return false;
  }
  return true;
}

/** NP chunk starting at or after token k and before end, in order; chunkAt maps token → chunk. */
function nextNp(doc: Doc, from: number, end: number, chunkStart: ChunkStarts): number | null {
  for (let k = from; k < end; k++) {
    const c = chunkStart.get(k);
    if (c !== undefined && doc.chunks[c].kind === 'NP') return c;
  }
  return null;
}

/**
 * Match the patterns for the head lemma against the tokens after the head up to `end` (the clause end).
 * Words match lemmas in order with gaps allowed; `*` takes the next noun phrase. Longest pattern wins.
 * An extra `minTarget` check lets the caller prefer patterns whose target slot holds an actor.
 */
export function matchPatterns(
  doc: Doc,
  dict: VerbDictionary,
  head: string,
  after: number,
  end: number,
  chunkStart: ChunkStarts,
  isActorChunk: (c: number) => boolean,
  window?: PreWindow,
): PatternMatch | null {
  const list = dict.byHead.get(head);
  if (!list) return null;
  const check = listCheck(list);
  // the pre-check pays for its presence mask only when there are several patterns to reject
  const forms = list.length >= POSSIBLE_MIN_PATTERNS ? presence(doc, check, after, end, check.after) : null;
  let preForms: Int32Array | null = null;
  let fallback: PatternMatch | null = null;
  let fallbackScore = -1;
  let best: PatternMatch | null = null;
  let bestScore = -1;
  for (let pi = 0; pi < list.length; pi++) {
    const p = list[pi];
    if (forms && !possible(check.elems[pi], forms)) continue; // some word element has no alternative whose words all occur
    let firstPre: number | null = null;
    if (p.pre.length) {
      if (!window) continue;
      if (forms) {
        preForms ??= presence(doc, check, window.from, window.head, check.before);
        if (!possible(check.pre[pi], preForms)) continue;
      }
      firstPre = matchBefore(doc, p, window);
      if (firstPre === null) continue;
    }
    let cursor = after;
    let target: number | null = null;
    let ok = true;
    let lastToken = after - 1;
    let words = 0;
    for (const e of p.elems) {
      if (e.kind === 'compound') continue;
      if (e.kind === 'target') {
        const c = nextNp(doc, cursor, end, chunkStart);
        if (c === null) { ok = false; break; }
        target = c;
        cursor = doc.chunks[c].end;
        continue;
      }
      let found = -1, len = 0;
      for (let k = cursor; k < end && found < 0; k++) {
        for (const alt of e.alts) {
          if (wordsAt(doc, k, end, alt)) { found = k; len = alt.length; break; }
        }
      }
      if (found < 0) { ok = false; break; }
      cursor = found + len;
      lastToken = cursor - 1;
      words += len;
    }
    if (!ok) continue;
    // more elements beat fewer; among equals, more matched words ("economic aid" beats "aid")
    // (a match object only for a new best: most matches are beaten)
    const score = check.weights[pi] * 100 + words;
    // a pattern whose explicit target slot holds no actor is a weaker match than one whose slot does
    if (target !== null && !isActorChunk(target)) {
      if (score > fallbackScore) { fallback = { pattern: p, targetChunk: target, lastToken, firstPre }; fallbackScore = score; }
      continue;
    }
    if (score > bestScore) { best = { pattern: p, targetChunk: target, lastToken, firstPre }; bestScore = score; }
  }
  return best ?? fallback;
}

/**
 * Match a pattern's words before the head, right to left from the head (each element as close to the verb as
 * it can be, gaps allowed; with `>>` the last element must end right before the head). Returns the first
 * token matched, or null.
 */
function matchBefore(doc: Doc, p: VerbPattern, w: PreWindow): number | null {
  let limit = w.head; // elements must end before this token
  for (let i = p.pre.length - 1; i >= 0; i--) {
    const e = p.pre[i];
    if (e.kind === 'compound') { if (!w.compound()) return null; continue; }
    if (e.kind !== 'word') return null;
    let found = -1;
    if (p.preAdjacent && i === p.pre.length - 1) {
      for (const alt of e.alts) {
        const k = limit - alt.length;
        if (k >= w.from && wordsAt(doc, k, limit, alt)) { found = k; break; }
      }
    } else {
      for (let k = limit - 1; k >= w.from && found < 0; k--) {
        for (const alt of e.alts) if (wordsAt(doc, k, limit, alt)) { found = k; break; }
      }
    }
    if (found < 0) return null;
    limit = found;
  }
  return limit;
}

/** prepositions and particles weigh less than content words: "agree &CEASEFIRE" beats "agree with *" */
const FUNCTION_WORDS = new Set(['to', 'on', 'with', 'against', 'at', 'for', 'of', 'from', 'in', 'into', 'by', 'over', 'about', 'up', 'down', 'off', 'out', 'back', 'away', 'between', 'among', 'upon', 'toward', 'towards', 'across', 'through']);

function weightOf(p: VerbPattern): number {
  let w = 0;
  for (const list of [p.pre, p.elems]) for (const e of list) {
    if (e.kind !== 'word') w += 1;
    else if (e.alts.every((a) => a.length === 1 && FUNCTION_WORDS.has(a[0]))) w += 1;
    else {
      // consecutive words weigh as much as separate ones: "most_certainly_&NEG_ever" beats "&NEG ever"
      let shortest = Infinity;
      for (const a of e.alts) shortest = Math.min(shortest, a.length);
      w += 3 * (list === p.pre ? shortest : 1);
    }
  }
  return w;
}

/**
 * The chunk starting at a token, among one sentence's chunks [lo, hi): what a Map from start token to chunk
 * built per sentence answered, read from one array per document (the Map's entries were ~1% of the event
 * stage's allocation and its lookups a hash each). Chunks start at distinct tokens, so the array is exact.
 */
export class ChunkStarts {
  /** at[k] is 1 + the chunk starting at token k, 0 where none does */
  constructor(private readonly at: Int32Array, private readonly lo: number, private readonly hi: number) {}

  get(k: number): number | undefined {
    // out of the array (k < 0 or past the last token) reads undefined, which fails the range test
    const c = this.at[k] - 1;
    return c >= this.lo && c < this.hi ? c : undefined;
  }
}

/**
 * one array reused for every document, grown as needed (a typed array per document was ~0.4 % of coding); zero
 * everywhere but at the chunk starts of the last document, whose token count is kept to clear them
 */
let startsScratch = new Int32Array(1024);
let startsUsed = 0;

/**
 * token → 1 + the chunk starting there for a whole document, valid until the next call. The earlier document's
 * range is cleared first, so past this document's tokens the array reads 0 (no chunk), and nothing of an earlier
 * document is read; no subarray view per document (making one cost more than the loop)
 */
export function chunkStartArray(doc: Doc): Int32Array {
  const n = doc.tokens.length;
  if (startsScratch.length <= n) startsScratch = new Int32Array(2 * n + 1);
  else startsScratch.fill(0, 0, startsUsed);
  startsUsed = n;
  const at = startsScratch;
  for (let c = 0; c < doc.chunks.length; c++) at[doc.chunks[c].start] = c + 1;
  return at;
}

export function isNp(ch: Chunk | undefined): boolean {
  return !!ch && ch.kind === 'NP';
}
