/**
 * Text keys shared by dictionary phrases and document tokens, so that "al-Shabaab", "al Shabaab" and
 * "Al-Shabaab" meet, "Erdoğan" (which the tokenizer splits in three) meets "Erdogan", and "U.S." meets "US".
 */

const MARKS = /\p{M}+/gu;
/** characters a key drops: hyphens, apostrophes, dots, typographic quotes */
const DROP = /[-‐‑–'’‘`´.]/g;

/** Lower-case, diacritic-free, without hyphens/apostrophes/dots. "Erdoğan's" → "erdogans", "U.S." → "us". */
export function keyOf(s: string): string {
  return rawKeyOf(s).toLowerCase();
}

/** Like keyOf but keeps the letter case (for acronym checks): "U.S." → "US". */
export function rawKeyOf(s: string): string {
  // ASCII text (most tokens, punctuation among them) has no decomposition, mark or dotless i: only the ASCII
  // characters of DROP (- ' ` .) can go, and a plain word keeps everything
  let drop = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return nonAsciiRawKey(s);
    if (c === 45 || c === 39 || c === 96 || c === 46) drop = true;
  }
  return drop ? s.replace(DROP, '') : s;
}

function nonAsciiRawKey(s: string): string {
  return s.normalize('NFD').replace(MARKS, '').replace(/[ıİ]/g, (c) => (c === 'ı' ? 'i' : 'I')).replace(DROP, '');
}

/**
 * Split a dictionary phrase into word keys. Words are separated by spaces, underscores and hyphens
 * (the tokenizer splits "al-Sham" but not always "pro-Russian"; a key match ignores the difference).
 * Returns both the keys and the case-preserving raw keys (same length).
 */
export function phraseWords(phrase: string): { keys: string[]; raw: string[] } {
  const keys: string[] = [];
  const raw: string[] = [];
  const words = /^[A-Za-z0-9 ]*$/.test(phrase) ? phrase.split(' ') : phrase.trim().split(/[\s_]+|(?<=\p{L})[-‐‑–](?=\p{L})/u);
  for (const w of words) {
    const r = rawKeyOf(w);
    if (!r) continue;
    keys.push(r.toLowerCase());
    raw.push(r);
  }
  return { keys, raw };
}
