import type { Doc } from '../core/doc.js';

/** A quoted stretch of text as a token range [start, end) (the quote marks excluded). */
export interface QuoteSpan {
  start: number;
  end: number;
}

const OPEN = new Set(['“', '«', '``']);
const CLOSE = new Set(['”', '»', "''"]);

/**
 * The quoted spans of a document. Straight double quotes toggle; typographic ones open and close. A quote
 * left open runs to the end of its paragraph (news style: a quote continued in the next paragraph reopens).
 */
export function quoteSpans(doc: Doc): QuoteSpan[] {
  // every token's text is a piece of doc.text: a text without a quote mark has no quote (most sentences; one
  // search of the text instead of a test of every token)
  if (!mayHoldQuote(doc.text)) return [];
  const out: QuoteSpan[] = [];
  let open = -1;
  const toks = doc.tokens;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k].text;
    // (a blank line needs two characters at least: most gaps between tokens are shorter and need no slice)
    const paragraphBreak = k > 0 && toks[k].start - toks[k - 1].end >= 2 && /\n\s*\n/.test(doc.text.slice(toks[k - 1].end, toks[k].start));
    if (paragraphBreak && open >= 0) { out.push({ start: open, end: k }); open = -1; }
    if (!maybeQuoteMark(t)) continue; // (most tokens: no Set lookup, which would hash every token's text)
    if (OPEN.has(t) || (t === '"' && open < 0)) { if (open < 0) open = k + 1; continue; }
    if (CLOSE.has(t) || t === '"') {
      if (open >= 0) { out.push({ start: open, end: k }); open = -1; }
    }
  }
  if (open >= 0) out.push({ start: open, end: toks.length });
  // no empty spans: a quote mark as the last token, or '""', quotes nothing (and has no tokens to look at)
  return out.filter((q) => q.end > q.start);
}

/** a character (or pair) that can make a token of OPEN or CLOSE or '"' (one regular expression search: ~3× faster than seven includes) */
const QUOTE_MARK = /["“”«»]|``|''/;
function mayHoldQuote(text: string): boolean {
  return QUOTE_MARK.test(text);
}

/** can t be in OPEN or CLOSE or be '"'? Those are one or two characters and start with one of these */
function maybeQuoteMark(t: string): boolean {
  if (t.length > 2) return false;
  const c = t.charCodeAt(0);
  return c === 0x22 || c === 0x27 || c === 0x60 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d;
}

export function insideQuote(spans: QuoteSpan[], tok: number): QuoteSpan | null {
  for (const q of spans) if (tok >= q.start && tok < q.end) return q;
  return null;
}
