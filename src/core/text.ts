/** Character tests on token text, with an ASCII fast path (the regular expressions only for other text). */

const UPPER = /^\p{Lu}/u;
const UPPER_OR_DIGIT = /^[\p{Lu}\d]/u;

/** /^\p{Lu}/u.test(s): the text starts with an upper-case letter */
export function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(s);
}

/** /^[\p{Lu}\d]/u.test(s): the text starts with an upper-case letter or an ASCII digit */
export function startsUpperOrDigit(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return UPPER_OR_DIGIT.test(s);
}
