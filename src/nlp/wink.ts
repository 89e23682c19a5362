import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Doc, Pos, Token, Sentence } from '../core/doc.js';
import { maskLongRuns, boundTokens, isSpace } from './bounds.js';
import { latin1Letters } from './letters.js';

type Wink = ReturnType<typeof winkNLP>;
let nlp: Wink | null = null;

type Lemmatize = (value: string, pos: string, cache: unknown) => string;

/** most (POS, word) pairs the lemma memo holds before it starts afresh */
const LEMMA_MEMO_MAX = 100_000;

/**
 * The model's lemmatizer, memoised by POS and word. wink calls `addons.lemmatize(normal value, POS, cache)` for
 * every token whose lemma its lexicon does not list (its.lemma), and the result depends on nothing else: the
 * lemmatizer tries WordNet exceptions and suffix rules and accepts a candidate only when the *built-in*
 * vocabulary lists it in base form with that POS (`cache.hasSamePOS`, false for words outside it), so words
 * met in earlier documents cannot change it. News vocabulary repeats: lemmas were ~5 % of coding time.
 * Checked against the bare model in test/wink-lemma.test.ts.
 */
export function memoLemmatize(lemmatize: Lemmatize): Lemmatize {
  let byPos = new Map<string, Map<string, string>>();
  let size = 0;
  return (value, pos, cache) => {
    let m = byPos.get(pos);
    if (!m) byPos.set(pos, (m = new Map()));
    let lemma = m.get(value);
    if (lemma === undefined) {
      lemma = lemmatize(value, pos, cache);
      if (++size > LEMMA_MEMO_MAX) {
        byPos = new Map([[pos, (m = new Map())]]);
        size = 1;
      }
      m.set(value, lemma);
    }
    return lemma;
  };
}

/**
 * The wink-nlp instance, loaded once (about 60 ms), and again when annotate replaces a grown one (lexemeLimit). Only the pos pipe is on: we need no NER. The model is
 * wink's English lite model with its lemmatizer memoised (memoLemmatize); the model module itself is untouched.
 */
export function wink(): Wink {
  if (!nlp) {
    const addons = { ...model.addons, lemmatize: memoLemmatize(model.addons.lemmatize as Lemmatize) };
    nlp = winkNLP({ ...model, addons } as typeof model, ['sbd', 'pos']);
  }
  return nlp;
}

let plain: Wink | null = null;

/**
 * wink as `winkNLP(model)` sets it up by default (sbd, negation, sentiment, pos, ner and cer pipes; the model's own
 * lemmatizer): what a user who reads text with wink-nlp and asks for POS pays. dyad never codes with it; `dyad
 * bench` times it beside the floor as a reference (src/bench/floor.ts).
 */
export function defaultWink(): Wink {
  if (!plain) plain = winkNLP(model);
  return plain;
}

/** wink index -> our token index, for annotate only: one buffer reused (a typed array per document costs more than the mapping) */
let scratch = new Int32Array(1024);
function scratchMap(n: number): Int32Array {
  if (scratch.length < n) scratch = new Int32Array(Math.max(n, scratch.length * 2));
  scratch.fill(-1, 0, n);
  return scratch;
}

/** s.toLowerCase(), without a new string for a word that has no upper-case letter and is ASCII (most words) */
function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return s.toLowerCase();
  }
  return s;
}

/**
 * What annotate reads from wink's lexemes (a token's `its.uniqueId`), met so far, for the one wink instance: for
 * lexeme u, the LEX slots from u * LEX of `lex` hold its value, the value's lower case, and wink's lemma of it
 * lower-cased (null when wink gives none) under the first POS it was met with; lemmas under other POS are in
 * `lexMore` as [pos, lemma, pos, lemma, ...] (most words are met with one tag). One flat array and not an
 * object per lexeme: a sentence's words lie far apart by lexeme index, and a record behind a slot was a second
 * cache miss in a row for every token (slot, then record; about a third of annotate's own time).
 * Exact, because a token's value and (unless the token is part of an expanded contraction) its lemma depend on
 * nothing but its lexeme and POS:
 * - its.value is `cache.value(u)`, the lexeme list at u;
 * - its.lemma reads a contraction part's lemma from the token's own data ("He's" → he|'s, where this "'s" is
 *   "be", not the possessive "'s" of the same lexeme; annotate asks wink for those, told apart by
 *   its.contractionFlag), and for every other token reads only lexeme u (its mapped spelling, isSLemma and
 *   lemma) and the token's POS, or calls the lemmatizer with u's normal and the POS (memoLemmatize above);
 * - wink's cache only appends lexemes (words outside the model's vocabulary are added the first time they are
 *   met) and never changes one, so what was read at u stays true.
 * The slots grow with wink's own lexicon (up to the highest index met) and are dropped with the instance (see
 * lexemeLimit; never during a document: annotate reads a token's slots after filling them).
 * test/wink-lemma.test.ts compares annotate with the bare model.
 */
const LEX = 4;
const VALUE = 0, LOWER = 1, POS = 2, LEMMA = 3;
/** a value slot is undefined until the lexeme is met; a POS slot null until its first lemma is read (no POS matches) */
let lex: (string | null | undefined)[] = [];
let lexMore = new Map<number, (string | null)[]>();

/**
 * The highest lexeme index the wink instance may reach before annotate replaces it, between two documents, with a
 * fresh one and drops the memo. wink adds every word outside its model's vocabulary (names, numbers, misspellings)
 * to its cache and never drops one: about 300 bytes a word with this memo's slots (measured: +1,150 MB of heap
 * after 4 million new words), so a long `dyad ingest`, `watch` or `serve` run would grow without bound. The model
 * holds ~87,600 lexemes: 400,000 lets ~300,000 new words in (~90 MB) before a fresh instance (~60 ms to build)
 * starts again from the model. A document is then read as it would be by a fresh process (wink's tokens can
 * depend on the words an instance met before).
 */
let lexemeLimit = 400_000;

/** Set the lexeme limit (tests use a low one to exercise the replacement); returns the previous one. */
export function setLexemeLimit(n: number): number {
  const old = lexemeLimit;
  lexemeLimit = n;
  return old;
}

/** room for lexeme u (a loop of its own: optimised with the loop, newLexeme would deoptimise) */
function growLexemes(u: number): void {
  while (lex.length < (u + 1) * LEX) lex.push(undefined);
}

/** lexeme u's slots filled from token k; returns its value */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function newLexeme(wt: any, its: any, k: number, u: number): string {
  growLexemes(u);
  const value = wt.itemAt(k).out(its.value) as string;
  const b = u * LEX;
  lex[b + VALUE] = value;
  lex[b + LOWER] = lowerCase(value);
  lex[b + POS] = null;
  lex[b + LEMMA] = null;
  return value;
}

/** each wink token's value, for annotate only: a buffer reused from document to document */
const valueScratch: string[] = [];

/** wink's lemma of token k, lower-cased; null for none (annotate then takes the token's lower case) */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function winkLemma(wt: any, its: any, k: number): string | null {
  const l = wt.itemAt(k).out(its.lemma) as string | null | undefined;
  return l ? lowerCase(l) : null;
}

/** the lemma of token k (not a contraction part) of lexeme u with POS p, from the memo or else from wink */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function otherLemma(u: number, p: string, wt: any, its: any, k: number): string | null {
  const more = lexMore.get(u);
  if (more) for (let j = 0; j < more.length; j += 2) if (more[j] === p) return more[j + 1];
  const l = winkLemma(wt, its, k);
  const b = u * LEX;
  if (lex[b + POS] === null) {
    lex[b + POS] = p;
    lex[b + LEMMA] = l;
  } else if (more) more.push(p, l);
  else lexMore.set(u, [p, l]);
  return l;
}

/**
 * Tokenise, split sentences and tag POS + lemma with wink-nlp, then map every token back to its exact
 * character offsets in doc.text (wink does not expose offsets; it keeps token values as substrings).
 */
export function annotate(doc: Doc): void {
  if (lex.length > lexemeLimit * LEX) {
    // wink's cache has grown past the limit: a fresh instance, and a memo of its lexemes
    nlp = null;
    lex = [];
    lexMore = new Map();
  }
  const w = wink();
  // wink's typings do not model its.* helpers well; this adapter is the only place that touches them
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const its = w.its as any;
  const masked = maskLongRuns(doc.text); // over-long whitespace-free runs: see bounds.ts
  const text = latin1Letters(masked.text); // same length: "Erdoğan" stays one word (letters.ts)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wd = w.readDoc(text) as any;
  const wt = wd.tokens();
  const ids = wt.out(its.uniqueId) as number[];
  const pos = wt.out(its.pos) as string[];
  const contraction = wt.out(its.contractionFlag) as boolean[];
  // the text wink read is the document's unless runs were masked or letters stood in for
  const same = text === doc.text;
  const tokens: Token[] = [];
  const map = scratchMap(ids.length); // wink index -> our index (skips dropped tokens)
  let cursor = 0;
  // every token's value first, in a loop of its own: a sentence's words lie far apart in the memo (by lexeme
  // index), and a short loop lets the processor fetch several at once
  const vals = valueScratch;
  for (let k = 0; k < ids.length; k++) {
    const u = ids[k];
    const b = u * LEX;
    vals[k] = (b < lex.length ? (lex[b + VALUE] as string | undefined) : undefined) ?? newLexeme(wt, its, k, u);
  }
  for (let k = 0; k < ids.length; k++) {
    const v = vals[k];
    // blank tokens, wink's tabCRLF ones ("\n", "\r\n\t") among them (isSpace is JavaScript's \s, what trim drops)
    const lead = v.charCodeAt(0);
    if (v.length === 0 || (isSpace(lead) && v.trim() === '')) continue;
    // = text.indexOf(v, cursor), most often found after the spaces at the cursor: no occurrence can start on a space
    // when v does not
    let at = cursor;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    let found = !isSpace(lead) && text.startsWith(v, at);
    if (!found) {
      at = text.indexOf(v, cursor);
      found = at >= 0 && at - cursor <= 64 + v.length;
    }
    if (!found) {
      // wink normalised the token (rare); fall back to the next non-space position
      at = cursor;
      while (at < text.length && isSpace(text.charCodeAt(at))) at++;
      if (at >= text.length) continue;
    }
    const end = Math.min(text.length, at + v.length);
    // where wink's value is the text there, it is that string (no copy; for a word in wink's lexicon, the
    // lexicon's own string, the same one in every document)
    const raw = found && (same || doc.text.startsWith(v, at)) ? v : doc.text.slice(at, end);
    map[k] = tokens.length;
    const b = ids[k] * LEX;
    const lower = raw === v ? (lex[b + LOWER] as string) : lowerCase(raw);
    const p = pos[k];
    const l = contraction[k] ? winkLemma(wt, its, k) : lex[b + POS] === p ? (lex[b + LEMMA] as string | null) : otherLemma(ids[k], p, wt, its, k);
    tokens.push({
      i: tokens.length,
      start: at,
      end,
      text: raw,
      lower,
      pos: (p || 'X') as Pos,
      lemma: l ?? lower,
      sent: 0,
    });
    cursor = end;
  }
  const sentences: Sentence[] = [];
  // wink's sentences cover its tokens one after the other (its sbd setter), so one sentence is all of them: every
  // token kept, already of sentence 0, and no list of spans to ask for
  const ws = wd.sentences();
  if (ws.length() === 1) {
    if (tokens.length) sentences.push({ i: 0, first: 0, last: tokens.length, start: tokens[0].start, end: tokens[tokens.length - 1].end });
  } else {
    // every sentence's [first, last] wink token indices at once (no sentence item objects)
    for (const [a, b] of ws.out(its.span) as [number, number][]) {
      let first = -1, last = -1;
      for (let k = a; k <= b; k++) {
        const m = map[k];
        if (m < 0) continue;
        if (first < 0) first = m;
        last = m + 1;
      }
      if (first < 0) continue;
      const i = sentences.length;
      for (let t = first; t < last; t++) tokens[t].sent = i;
      sentences.push({ i, first, last, start: tokens[first].start, end: tokens[last - 1].end });
    }
  }
  doc.tokens = tokens;
  doc.sentences = sentences;
  boundTokens(doc, masked.runs);
}
