import type { Doc } from '../core/doc.js';
import type { ActorDictionary } from './dictionary.js';
import { codeOn } from './model.js';
import { isSpace } from '../nlp/bounds.js';

const DASH = /^(?:—|–|-|--|\(|,)$/;
/** the dateline's first word and the words that may follow it (module constants: a literal in the loop is a new RegExp each time) */
const CAPS_WORD = /^[A-Z][A-Z.'-]{2,}$/;
const CAPS_MORE = /^[A-Z][A-Z.'-]+$/;

/** /\n\s*$/ on the four characters before `start` (or the text start), read in place instead of sliced */
function atLineStart(text: string, start: number): boolean {
  if (start === 0) return true;
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (!isSpace(c)) return false;
  }
  return false;
}

/**
 * The dateline's country: news articles open a paragraph with "TBILISI —", "BAMAKO, Mali (AP) —" or
 * "ANKARA, Dec 27 —". Unnamed domestic actors ("police", "protesters") default to it, as a human coder
 * reading the article would. Only the first 400 characters are searched.
 */
export function datelineCountry(doc: Doc, dict: ActorDictionary): { country: string; text: string } | null {
  const tokens = doc.tokens;
  // a line start is the text's start or comes after a newline (atLineStart): no token before the first newline
  // but one at 0 can be at one, and in a text without a newline (most single sentences) only the first token can
  const newline = doc.text.indexOf('\n');
  for (let k = 0; k < tokens.length && tokens[k].start < 400; k++) {
    const t = tokens[k];
    if (t.start !== 0 && t.start <= newline) continue;
    if (t.start !== 0 && newline < 0) break;
    // an all-caps word at a line start (the cheap tests first: the first letter, the few characters before it)
    const c0 = t.text.charCodeAt(0);
    if (c0 < 65 || c0 > 90 || !atLineStart(doc.text, t.start) || !CAPS_WORD.test(t.text)) continue;
    let end = k + 1;
    while (end < tokens.length && CAPS_MORE.test(tokens[end].text) && end - k < 4) end++;
    const after = tokens[end];
    if (!after || !DASH.test(after.text)) continue;
    const m = dict.lexicon.scan(tokens, k, end)[0];
    if (!m || m.start !== k || m.value.type !== 'entry') continue;
    const e = dict.entries[m.value.entryIndex];
    const dc = codeOn(e, doc.date);
    if (!dc || (e.kind !== 'country' && e.kind !== 'capital')) continue;
    return { country: dc.code.slice(0, 3), text: doc.spanText(k, end) };
  }
  return null;
}
