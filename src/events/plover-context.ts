import type { Stage } from '../core/stage.js';
import type { Doc } from '../core/doc.js';
import { dataPath } from '../core/paths.js';
import { readTsv } from '../core/tsv.js';

interface KeywordRule {
  value: string;
  type?: string;
  patterns: RegExp[];
}

/**
 * Which rules of a table a text may match, from its words, before any regex runs. A rule's alternative
 * `\bword…` can only match where a word of the text (a maximal run of ASCII letters, digits and _, which is what
 * `\w` means in a regex without the u flag, and `i` folds only ASCII letters onto ASCII ones) is its first word
 * segment `seg` — all of it when `seg` is followed by the end, a space or other non-word character ("army",
 * "tear gas", "al-qaeda"), or at its start when followed by `*` ("troop*"). So a rule none of whose segments fits
 * a word of the text cannot match it: the regexes run only for the rules that may (the union of all the words,
 * tried at every position of every text, was most of this stage's time).
 */
interface WordIndex {
  /** rules with an alternative that starts with no word character: always tried */
  always: number[];
  size: number;
  /**
   * the whole words (an alternative whose first segment is that word) by the hash of the word (hashStep):
   * [word, its rules], checked character by character
   */
  byHash: Map<number, [string, number[]][]>;
  /**
   * 1 where some whole word's hash has these low bits (HASH_BITS of them): most words of a text have no entry,
   * and this one read answers for them without a Map lookup
   */
  hashSeen: Uint8Array;
  /**
   * the [segment, rule] of the alternatives whose segment starts a word ("troop*"), split by the segment's
   * length: those of PREFIX_KEY characters or more by the hash of their first PREFIX_KEY characters (most words
   * then try no segment at all, where by first character they tried every segment of that letter), with a
   * `hashSeen` of their own; shorter ones by first character code (a word's first character is ASCII)
   */
  prefixByHash: Map<number, [string, number][]>;
  prefixSeen: Uint8Array;
  shortPrefixAt: ([string, number][] | undefined)[];
}

const PREFIX_KEY = 3;

const HASH_BITS = 14;
const HASH_MASK = (1 << HASH_BITS) - 1;

/**
 * A hash of a lower-cased ASCII word, computed one character at a time (the same steps as mayMatch's scan of
 * a text, so that a text's words need no string of their own to be looked up)
 */
function hashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + c) & 0x3fffffff;
}

/** the character at k lower-cased as a regex without the u flag folds it: ASCII capitals only */
function lowerAt(text: string, k: number): number {
  const c = text.charCodeAt(k);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** is text[a, b) the (lower-case) word w, ignoring ASCII case? */
function isWordAt(text: string, a: number, b: number, w: string): boolean {
  if (w.length !== b - a) return false;
  for (let j = 0; j < w.length; j++) if (lowerAt(text, a + j) !== w.charCodeAt(j)) return false;
  return true;
}

function wordIndex(rules: { words: string[] }[]): WordIndex {
  const ix: WordIndex = { always: [], size: rules.length, byHash: new Map(), hashSeen: new Uint8Array(1 << HASH_BITS),
    prefixByHash: new Map(), prefixSeen: new Uint8Array(1 << HASH_BITS), shortPrefixAt: new Array(128).fill(undefined) };
  // word → its rules; [segment, rule] of the segments that start a word
  const exact = new Map<string, number[]>();
  const prefixes: [string, number][] = [];
  rules.forEach((r, i) => {
    for (const w of r.words) {
      const lw = w.replace(/[A-Z]/g, (c) => c.toLowerCase());
      const seg = /^[a-z0-9_]*/.exec(lw)![0];
      if (!seg) { ix.always.push(i); continue; }
      if (lw[seg.length] === '*') prefixes.push([seg, i]);
      else {
        let list = exact.get(seg);
        if (!list) exact.set(seg, (list = []));
        list.push(i);
      }
    }
  });
  for (const [w, list] of exact) {
    let h = 0;
    for (let j = 0; j < w.length; j++) h = hashStep(h, w.charCodeAt(j));
    let same = ix.byHash.get(h);
    if (!same) ix.byHash.set(h, (same = []));
    same.push([w, list]);
    ix.hashSeen[h & HASH_MASK] = 1;
  }
  for (const entry of prefixes) {
    const seg = entry[0];
    if (seg.length < PREFIX_KEY) {
      (ix.shortPrefixAt[seg.charCodeAt(0)] ??= []).push(entry);
      continue;
    }
    let h = 0;
    for (let j = 0; j < PREFIX_KEY; j++) h = hashStep(h, seg.charCodeAt(j));
    let same = ix.prefixByHash.get(h);
    if (!same) ix.prefixByHash.set(h, (same = []));
    same.push(entry);
    ix.prefixSeen[h & HASH_MASK] = 1;
  }
  return ix;
}

/**
 * per rule of the index: may it match this text? Its words are the maximal runs of ASCII word characters,
 * lower-cased, each looked up as a whole word (by its hash, computed as the scan goes: no string per word) and
 * by its start among the segments that start a word
 */
function mayMatch(ix: WordIndex, text: string): Uint8Array {
  const may = new Uint8Array(ix.size);
  for (const i of ix.always) may[i] = 1;
  let a = -1;
  let h = 0;
  // the hash of the word's first PREFIX_KEY characters
  let hKey = 0;
  for (let k = 0; k <= text.length; k++) {
    let c = k < text.length ? text.charCodeAt(k) : 32;
    const upper = c >= 65 && c <= 90;
    if ((c >= 97 && c <= 122) || upper || (c >= 48 && c <= 57) || c === 95) {
      if (upper) c += 32;
      if (a < 0) { a = k; h = 0; }
      h = hashStep(h, c);
      if (k - a === PREFIX_KEY - 1) hKey = h;
    } else if (a >= 0) {
      const ex = ix.hashSeen[h & HASH_MASK] === 1 ? ix.byHash.get(h) : undefined;
      if (ex) for (const [w, list] of ex) if (isWordAt(text, a, k, w)) for (const i of list) may[i] = 1;
      if (k - a >= PREFIX_KEY && ix.prefixSeen[hKey & HASH_MASK] === 1) {
        const pre = ix.prefixByHash.get(hKey);
        if (pre) for (const [seg, i] of pre) if (seg.length <= k - a && isWordAt(text, a, a + seg.length, seg)) may[i] = 1;
      }
      const short = ix.shortPrefixAt[lowerAt(text, a)];
      if (short) for (const [seg, i] of short) if (seg.length <= k - a && isWordAt(text, a, a + seg.length, seg)) may[i] = 1;
      a = -1;
    }
  }
  return may;
}

function wordsOf(words: string): string[] {
  return words.split('|').map((w) => w.trim()).filter(Boolean);
}

function compile(words: string): RegExp[] {
  const alts = wordsOf(words).map((w) => {
    const esc = w.replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+').replace(/\*/g, '[\\w-]*');
    return `\\b${esc}\\b`;
  });
  // one alternation per rule: it matches exactly where one of the words would, in one pass over the text
  return alts.length ? [new RegExp(alts.map((a) => `(?:${a})`).join('|'), 'i')] : [];
}

let contexts: KeywordRule[] | null = null;
let modes: KeywordRule[] | null = null;
/**
 * one index of both tables, the context rules first and then the modes (mode i is rule contexts.length + i):
 * a text is scanned once for both, where the modes took a scan of their own
 */
let ruleIndex: WordIndex | null = null;

function load(): void {
  if (contexts) return;
  const c = readTsv(dataPath('plover', 'contexts.tsv')).rows.map((r) => ({ value: r.cells[0], patterns: compile(r.cells[1] ?? ''), words: wordsOf(r.cells[1] ?? '') }));
  const m = readTsv(dataPath('plover', 'modes.tsv')).rows.map((r) => ({ type: r.cells[0], value: r.cells[1], patterns: compile(r.cells[2] ?? ''), words: wordsOf(r.cells[2] ?? '') }));
  ruleIndex = wordIndex([...c, ...m]);
  contexts = c.map((r) => ({ value: r.value, patterns: r.patterns }));
  modes = m.map((r) => ({ type: r.type, value: r.value, patterns: r.patterns }));
}

/** what the events of one evidence text share: the contexts it speaks of, the modes it may */
interface Spoken {
  found: string[];
  /** mayMatch of the text on ruleIndex: mode i may match where may[modeBase + i] is 1 */
  may: Uint8Array;
}

/**
 * PLOVER issues: each event keeps the context of its CAMEO→PLOVER mapping and adds the contexts its evidence
 * speaks of ("refugees" → migration, "court" → legal); an event whose mapping gives no mode takes one from
 * its evidence when the words are unambiguous ("drone" → ASSAULT/drone). Tables: data/plover/.
 */
export const ploverContextStage: Stage = {
  name: 'plover-context',
  requires: ['events'],
  assigns: ['plover-context'],
  run(doc: Doc) {
    load();
    // the events of one sentence share their evidence text: its words and contexts are found once per text
    const spoken = new Map<string, Spoken>();
    for (const ev of doc.events) {
      const text = ev.evidence.text;
      let sp = spoken.get(text);
      if (!sp) {
        const may = mayMatch(ruleIndex!, text);
        const found: string[] = [];
        for (let i = 0; i < contexts!.length; i++) {
          if (may[i] && contexts![i].patterns.some((p) => p.test(text))) found.push(contexts![i].value);
        }
        sp = { found, may };
        spoken.set(text, sp);
      }
      ev.plover.context = withContexts(ev.plover.context, sp.found);
      const may = sp.may;
      const modeBase = contexts!.length;
      if (!ev.plover.mode && ev.plover.type) {
        const m = modes!.find((r, i) => r.type === ev.plover.type && may[modeBase + i] === 1 && r.patterns.some((p) => p.test(text)));
        if (m) ev.plover.mode = m.value;
      } else if (ev.plover.type === 'ASSAULT' && ev.plover.mode === 'heavy-weapons' && ev.cameo.startsWith('195')) {
        // the 2021 table files aerial weapons (195x) under heavy-weapons; the evidence may name the drone or aircraft
        const m = modes!.find((r, i) => r.type === 'ASSAULT' && (r.value === 'drone' || r.value === 'aerial') && may[modeBase + i] === 1 && r.patterns.some((p) => p.test(text)));
        if (m) ev.plover.mode = m.value;
      }
    }
  },
};

/**
 * The mapping's contexts and then the evidence's, each once, in first-seen order (what a Set of both gave); the
 * event's own array when that adds nothing, as most events' evidence names no context (no Set, no copy).
 */
function withContexts(own: string[], found: string[]): string[] {
  let fresh = found.length > 0;
  for (let i = 1; i < own.length && !fresh; i++) fresh = own.lastIndexOf(own[i], i - 1) >= 0;
  if (!fresh) return own;
  const out: string[] = [];
  for (const v of own) if (!out.includes(v)) out.push(v);
  for (const v of found) if (!out.includes(v)) out.push(v);
  return out;
}
