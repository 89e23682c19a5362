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
  /** word → the rules with an alternative whose first segment is that whole word */
  exact: Map<string, number[]>;
  /** first character code → [segment, rule] of the alternatives whose segment starts a word ("troop*") */
  prefix: Map<number, [string, number][]>;
  /** rules with an alternative that starts with no word character: always tried */
  always: number[];
  size: number;
}

function wordIndex(rules: { words: string[] }[]): WordIndex {
  const ix: WordIndex = { exact: new Map(), prefix: new Map(), always: [], size: rules.length };
  rules.forEach((r, i) => {
    for (const w of r.words) {
      const lw = w.replace(/[A-Z]/g, (c) => c.toLowerCase());
      const seg = /^[a-z0-9_]*/.exec(lw)![0];
      if (!seg) { ix.always.push(i); continue; }
      if (lw[seg.length] === '*') {
        const k = seg.charCodeAt(0);
        let list = ix.prefix.get(k);
        if (!list) ix.prefix.set(k, (list = []));
        list.push([seg, i]);
      } else {
        let list = ix.exact.get(seg);
        if (!list) ix.exact.set(seg, (list = []));
        list.push(i);
      }
    }
  });
  return ix;
}

/** the words of a text as WordIndex reads them: maximal runs of ASCII word characters, lower-cased */
function textWords(text: string): string[] {
  const out: string[] = [];
  let a = -1;
  for (let k = 0; k <= text.length; k++) {
    const c = k < text.length ? text.charCodeAt(k) : 32;
    const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
    if (word) { if (a < 0) a = k; } else if (a >= 0) {
      out.push(text.slice(a, k).toLowerCase()); // ASCII only: toLowerCase is the regex's own folding here
      a = -1;
    }
  }
  return out;
}

/** per rule of the index: may it match a text of these words? */
function mayMatch(ix: WordIndex, words: string[]): Uint8Array {
  const may = new Uint8Array(ix.size);
  for (const i of ix.always) may[i] = 1;
  for (const w of words) {
    const ex = ix.exact.get(w);
    if (ex) for (const i of ex) may[i] = 1;
    const pre = ix.prefix.get(w.charCodeAt(0));
    if (pre) for (const [seg, i] of pre) if (w.startsWith(seg)) may[i] = 1;
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
let contextIndex: WordIndex | null = null;
let modeIndex: WordIndex | null = null;

function load(): void {
  if (contexts) return;
  const c = readTsv(dataPath('plover', 'contexts.tsv')).rows.map((r) => ({ value: r.cells[0], patterns: compile(r.cells[1] ?? ''), words: wordsOf(r.cells[1] ?? '') }));
  const m = readTsv(dataPath('plover', 'modes.tsv')).rows.map((r) => ({ type: r.cells[0], value: r.cells[1], patterns: compile(r.cells[2] ?? ''), words: wordsOf(r.cells[2] ?? '') }));
  contextIndex = wordIndex(c);
  modeIndex = wordIndex(m);
  contexts = c.map((r) => ({ value: r.value, patterns: r.patterns }));
  modes = m.map((r) => ({ type: r.type, value: r.value, patterns: r.patterns }));
}

/** what the events of one evidence text share: its words, the contexts they speak of, the modes they may */
interface Spoken {
  words: string[];
  found: string[];
  modes: Uint8Array | null;
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
        const words = textWords(text);
        const may = mayMatch(contextIndex!, words);
        const found: string[] = [];
        for (let i = 0; i < contexts!.length; i++) {
          if (may[i] && contexts![i].patterns.some((p) => p.test(text))) found.push(contexts![i].value);
        }
        sp = { words, found, modes: null };
        spoken.set(text, sp);
      }
      ev.plover.context = withContexts(ev.plover.context, sp.found);
      if (!ev.plover.mode && ev.plover.type) {
        const may = (sp.modes ??= mayMatch(modeIndex!, sp.words));
        const m = modes!.find((r, i) => r.type === ev.plover.type && may[i] === 1 && r.patterns.some((p) => p.test(text)));
        if (m) ev.plover.mode = m.value;
      } else if (ev.plover.type === 'ASSAULT' && ev.plover.mode === 'heavy-weapons' && ev.cameo.startsWith('195')) {
        // the 2021 table files aerial weapons (195x) under heavy-weapons; the evidence may name the drone or aircraft
        const may = (sp.modes ??= mayMatch(modeIndex!, sp.words));
        const m = modes!.find((r, i) => r.type === 'ASSAULT' && (r.value === 'drone' || r.value === 'aerial') && may[i] === 1 && r.patterns.some((p) => p.test(text)));
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
