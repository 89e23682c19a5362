/** Character tests on token text, with an ASCII fast path (the regular expressions only for other text). */

const UPPER = /^\p{Lu}/u;
const UPPER_OR_DIGIT = /^[\p{Lu}\d]/u;

/** /^\p{Lu}/u.test(s): the text starts with an upper-case letter */
export function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(s);
}

/**
 * The key of a plain ASCII word (/^[A-Za-z0-9]*$/), else null. It is the word lower-cased: the token's `lower`
 * when that is so (the tokenizer makes it so), which saves a new string per capitalised word, and is a string
 * earlier stages have mostly hashed already (a Map lookup of a new string hashes it first).
 */
export function plainKey(t: { text: string; lower: string }): string | null {
  const s = t.text;
  const low = t.lower;
  let same = low.length === s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || (c > 57 && c < 65) || (c > 90 && c < 97) || c > 122) return null;
    if (same && low.charCodeAt(i) !== (c >= 65 && c <= 90 ? c + 32 : c)) same = false;
  }
  return same ? low : s.toLowerCase();
}

/** /^[\p{Lu}\d]/u.test(s): the text starts with an upper-case letter or an ASCII digit */
export function startsUpperOrDigit(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return UPPER_OR_DIGIT.test(s);
}

/**
 * The tokens between two coordinated phrases, tokens[from..to): one or two of ",", "and", "or" (and "nor"
 * when asked). Null when they are anything else; otherwise whether a conjunction and whether a comma is among
 * them ("A, B and C": the last gap has a conjunction; "In 2014, Russia": a comma alone).
 */
export function coordinationGap(tokens: readonly { lower: string }[], from: number, to: number, nor = false): { conj: boolean; comma: boolean } | null {
  const n = to - from;
  if (n < 1 || n > 2) return null;
  let conj = false, comma = false;
  for (let k = from; k < to; k++) {
    const w = tokens[k].lower;
    if (w === ',') comma = true;
    else if (w === 'and' || w === 'or' || (nor && w === 'nor')) conj = true;
    else return null;
  }
  return { conj, comma };
}
