/**
 * wink-nlp's tokenizer splits words at Latin letters outside Latin-1 ("Erdoğan" → Erdo|ğ|an, "Łukaszenka",
 * "Nguyễn"). Before tokenizing, each such letter is stood in for by a Latin-1 letter of the same length (its
 * base letter, or a plain letter of the same case), so words stay whole and every offset stays exact; token
 * text is always read back from the original.
 */
const LATIN_EXT = /[\u0100-\u024F\u1E00-\u1EFF]/g;

function standIn(ch: string): string {
  const base = ch.normalize('NFD')[0];
  if (base && base.charCodeAt(0) <= 0xff) return base;
  return ch === ch.toUpperCase() ? 'X' : 'x';
}

export function latin1Letters(text: string): string {
  LATIN_EXT.lastIndex = 0;
  if (!LATIN_EXT.test(text)) return text;
  return text.replace(LATIN_EXT, standIn);
}
