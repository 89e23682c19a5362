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
 * The wink-nlp instance, loaded once (about 60 ms). Only the pos pipe is on: we need no NER. The model is
 * wink's English lite model with its lemmatizer memoised (memoLemmatize); the model module itself is untouched.
 */
export function wink(): Wink {
  if (!nlp) {
    const addons = { ...model.addons, lemmatize: memoLemmatize(model.addons.lemmatize as Lemmatize) };
    nlp = winkNLP({ ...model, addons } as typeof model, ['sbd', 'pos']);
  }
  return nlp;
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
 * Tokenise, split sentences and tag POS + lemma with wink-nlp, then map every token back to its exact
 * character offsets in doc.text (wink does not expose offsets; it keeps token values as substrings).
 */
export function annotate(doc: Doc): void {
  const w = wink();
  // wink's typings do not model its.* helpers well; this adapter is the only place that touches them
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const its = w.its as any;
  const masked = maskLongRuns(doc.text); // over-long whitespace-free runs: see bounds.ts
  const text = latin1Letters(masked.text); // same length: "Erdoğan" stays one word (letters.ts)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wd = w.readDoc(text) as any;
  const wt = wd.tokens();
  const values = wt.out(its.value) as string[];
  const pos = wt.out(its.pos) as string[];
  const lemma = wt.out(its.lemma) as string[];
  // the text wink read is the document's unless runs were masked or letters stood in for
  const same = text === doc.text;
  const tokens: Token[] = [];
  const map = scratchMap(values.length); // wink index -> our index (skips dropped tokens)
  let cursor = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
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
    const lower = lowerCase(raw);
    const l = lemma[k];
    tokens.push({
      i: tokens.length,
      start: at,
      end,
      text: raw,
      lower,
      pos: (pos[k] || 'X') as Pos,
      lemma: l ? lowerCase(l) : lower,
      sent: 0,
    });
    cursor = end;
  }
  const sentences: Sentence[] = [];
  // every sentence's [first, last] wink token indices at once (no sentence item objects)
  for (const [a, b] of wd.sentences().out(its.span) as [number, number][]) {
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
  doc.tokens = tokens;
  doc.sentences = sentences;
  boundTokens(doc, masked.runs);
}
