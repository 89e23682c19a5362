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
 * The key of a plain ASCII word (/^[A-Za-z0-9]*$/), else null: the word lower-cased. Given a token's text and
 * lower (always text.toLowerCase(): annotate and addRunTokens make it so), it is the text itself when that has
 * no capital, else the token's lower: no new string per capitalised word, and a string earlier stages have
 * mostly hashed already (a Map lookup of a new string hashes it first). Only the text's characters are read:
 * the strings are parameters because, read from the token inside an inlined loop, V8's character reads were
 * about twice as slow (actors helper, fifth round).
 */
export function plainKey(s: string, low: string): string | null {
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || (c > 57 && c < 65) || (c > 90 && c < 97) || c > 122) return null;
    if (c <= 90 && c >= 65) upper = true;
  }
  return !upper ? s : low.length === s.length ? low : s.toLowerCase();
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
