/**
 * Bounded work on any input. Two measured superlinear costs are capped here, both only on text that is not
 * English prose:
 *
 * - wink-nlp's tokenizer is quadratic in the length of a whitespace-free run (20,000 letters: 0.65 s;
 *   200,000: 35 s; "!!!…" or "a-b-c-…" are worse). Runs longer than MAX_RUN characters (URLs fit; no English
 *   word comes close) are hidden from wink (blanked to spaces of the same length, so every other offset is
 *   unchanged) and become one opaque token each (POS "X"), which no pattern or dictionary matches.
 * - the shallow parser and the event grammar do per-sentence work that grows with the square of the
 *   sentence length (a 1 MB single-line "sentence" took minutes). Sentences longer than
 *   MAX_SENTENCE_TOKENS tokens (ten times a long news sentence) are split: at the strongest punctuation
 *   (a missed full stop, then ; : — –, then a comma, then any punctuation) in the second half of each
 *   window, else every MAX_SENTENCE_TOKENS tokens.
 */
import type { Doc, Sentence, Token } from '../core/doc.js';

export const MAX_RUN = 256;
export const MAX_SENTENCE_TOKENS = 200;

/** JavaScript's \s: the characters wink-nlp also splits text units on (all of them, measured) */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export interface MaskedText {
  /** the text with every over-long run replaced by as many spaces */
  text: string;
  /** the runs, [start, end) in order */
  runs: [number, number][];
}

/**
 * Blank out whitespace-free runs longer than `max` characters (the text is returned as is when none). Any
 * max + 1 consecutive characters hold one position that is a multiple of max + 1, so only the runs through
 * those positions are measured (from the position back and forward to a space): for prose that reads a few
 * characters per max + 1, not every character. Runs are found in order and each once.
 */
export function maskLongRuns(text: string, max = MAX_RUN): MaskedText {
  const runs: [number, number][] = [];
  const n = text.length;
  const step = max + 1;
  let done = 0; // every run ending at or before done has been seen
  for (let p = max; p < n; p += step) {
    if (p < done || isSpace(text.charCodeAt(p))) continue;
    let a = p;
    while (a > done && !isSpace(text.charCodeAt(a - 1))) a--;
    let b = p + 1;
    while (b < n && !isSpace(text.charCodeAt(b))) b++;
    if (b - a > max) runs.push([a, b]);
    done = b;
  }
  if (!runs.length) return { text, runs };
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of runs) {
    parts.push(text.slice(at, a), ' '.repeat(b - a));
    at = b;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), runs };
}

/** renumber tokens and rebuild sentences from each token's `sent` (which must not decrease) */
function resentence(doc: Doc): void {
  const sentences: Sentence[] = [];
  const t = doc.tokens;
  for (let k = 0; k < t.length; k++) {
    t[k].i = k;
    if (k === 0 || t[k].sent !== t[k - 1].sent) sentences.push({ i: sentences.length, first: k, last: k + 1, start: t[k].start, end: t[k].end });
    const s = sentences[sentences.length - 1];
    s.last = k + 1;
    s.end = t[k].end;
  }
  for (const s of sentences) for (let k = s.first; k < s.last; k++) t[k].sent = s.i;
  doc.sentences = sentences;
}

/**
 * Put the masked runs back as opaque tokens: inside the sentence around them when wink's sentence goes on
 * after the run ("see <URL> for"), else as a sentence of their own, so garbage never joins the sentence
 * before it (nor its evidence).
 */
export function addRunTokens(doc: Doc, runs: readonly [number, number][]): void {
  if (!runs.length) return;
  const out: Token[] = [];
  let r = 0;
  let prev: Token | null = null;
  const opaque = ([a, b]: [number, number], next: Token | null): Token => {
    const text = doc.text.slice(a, b);
    const lower = text.toLowerCase();
    // a fractional index sorts between the neighbours and becomes its own sentence when renumbered
    const sent = prev && next && prev.sent === next.sent ? prev.sent : (prev ? prev.sent : -1) + 0.5;
    return { i: 0, start: a, end: b, text, lower, pos: 'X', lemma: lower, sent };
  };
  for (const t of doc.tokens) {
    while (r < runs.length && runs[r][0] < t.start) out.push(opaque(runs[r++], t));
    out.push(t);
    prev = t;
  }
  while (r < runs.length) out.push(opaque(runs[r++], null));
  doc.tokens = out;
  resentence(doc);
}

const STOP = new Set(['.', '!', '?', '。', '！', '？', '؟', '।']);
const STRONG = new Set([';', ':', '—', '–', '…', '；', '：']);

function cutRank(t: Token): number {
  if (STOP.has(t.text)) return 4;
  if (STRONG.has(t.text)) return 3;
  if (t.text === ',' || t.text === '،' || t.text === '、' || t.text === '，') return 2;
  return t.pos === 'PUNCT' || t.pos === 'SYM' ? 1 : 0;
}

/** Split sentences longer than `max` tokens (see the module comment). */
export function capSentences(doc: Doc, max = MAX_SENTENCE_TOKENS): void {
  if (!doc.sentences.some((s) => s.last - s.first > max)) return;
  const t = doc.tokens;
  let n = 0;
  for (const s of doc.sentences) {
    let a = s.first;
    while (s.last - a > max) {
      let cut = a + max;
      let best = 0;
      for (let b = a + max; b > a + (max >> 1); b--) {
        const r = cutRank(t[b - 1]);
        if (r > best) { best = r; cut = b; }
        if (r === 4) break;
      }
      for (let k = a; k < cut; k++) t[k].sent = n;
      n++;
      a = cut;
    }
    for (let k = a; k < s.last; k++) t[k].sent = n;
    n++;
  }
  resentence(doc);
}

/** After wink: opaque tokens for the masked runs, then the sentence cap. */
export function boundTokens(doc: Doc, runs: readonly [number, number][]): void {
  addRunTokens(doc, runs);
  capSentences(doc);
}
