import type { Doc } from '../core/doc.js';
import { startsUpper } from '../core/text.js';

/** capitalised words that are not names (or not the name part of an NP) */
export const NOT_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'the', 'a', 'an',
  'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'gen', 'gen.', 'sen', 'sen.', 'rep', 'rep.', 'i', 'lt', 'lt.',
  'col', 'col.', 'maj', 'maj.', 'sgt', 'sgt.', 'capt', 'capt.', 'adm', 'adm.', 'prof', 'prof.', 'sheikh', 'sir',
  'president', 'minister', 'prime', 'foreign', 'defence', 'defense', 'general', 'king', 'queen', 'prince', 'emir',
  'commander', 'chief', 'secretary', 'ambassador', 'envoy', 'spokesman', 'spokeswoman', 'senator', 'governor',
  'mayor', 'chancellor', 'premier', 'vice', 'deputy', 'former', 'acting', 'interim', 'state', 'interior',
  'marshal', 'field', 'colonel', 'major', 'captain', 'lieutenant', 'admiral', 'brigadier', 'sergeant',
  'jan', 'jan.', 'feb', 'feb.', 'mar', 'mar.', 'apr', 'apr.', 'jun', 'jun.', 'jul', 'jul.', 'aug', 'aug.', 'sep',
  'sep.', 'sept', 'sept.', 'oct', 'oct.', 'nov', 'nov.', 'dec', 'dec.',
  // regional, ethnic and religious adjectives: "Western allies", "Kurdish fighters" name no one
  'western', 'eastern', 'northern', 'southern', 'central', 'european', 'arab', 'arabs', 'african', 'asian',
  'muslim', 'muslims', 'christian', 'christians', 'jewish', 'islamic', 'islamist', 'kurdish', 'kurds', 'shiite',
  'shia', 'sunni', 'druze', 'alawite', 'yazidi', 'baloch', 'pashtun', 'tamil', 'tuareg', 'fulani', 'rohingya',
  'uyghur', 'uighur', 'catholic', 'orthodox', 'coptic', 'hindu', 'buddhist', 'gulf', 'nordic', 'baltic',
  'balkan', 'caucasian', 'latin', 'sahel', 'sahelian', 'maghreb', 'levantine', 'pro', 'anti',
]);

/** lower-case particles inside names: "Abu Mohammed al-Jolani", "Lula da Silva", "Ursula von der Leyen" */
const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'ben', 'abu', 'abd', 'da', 'de', 'del', 'della', 'di', 'do', 'dos', 'das', 'du', 'van', 'von', 'der', 'den', 'le', 'la', 'ul', 'ud', 'ad', 'as', 'ash', 'ar', 'at', 'az', 'an', 'y']);

const isCap = startsUpper;

/** is token k inside one of the spans? */
function inSpans(spans: readonly { start: number; end: number }[], k: number): boolean {
  for (const f of spans) if (k >= f.start && k < f.end) return true;
  return false;
}

/**
 * Unknown capitalised name words in a token range (a person or group we have no entry for): PROPN tokens
 * with their particles and hyphens. Titles ("Defence Minister") are not part of the name. Tokens inside a
 * `covered` span (the dictionary matches of the range) are no name words.
 */
export function unknownName(doc: Doc, start: number, end: number, covered: readonly { start: number; end: number }[]): { start: number; end: number } | null {
  let a = -1, b = -1;
  const toks = doc.tokens;
  const sentFirst = start < toks.length ? doc.sentences[toks[start].sent]?.first ?? -1 : -1;
  for (let k = start; k < end; k++) {
    const t = toks[k];
    const nameWord = isCap(t.text) && !NOT_NAMES.has(t.lower) && !inSpans(covered, k) && (t.pos === 'PROPN' || (t.pos === 'X' && a >= 0) || (a >= 0 && t.pos !== 'PUNCT' && t.start === toks[k - 1].end)) && !(k === sentFirst && t.pos !== 'PROPN');
    if (nameWord) {
      if (a < 0) a = k;
      b = k + 1;
      continue;
    }
    if (a < 0) continue;
    // particles and glue inside a name: "al-Jolani", "da Silva", "O'Brien"
    const joins = capAt(toks, end, covered, k + 1) || (toks[k + 1]?.text === '-' && toks[k + 1].start === t.end && capAt(toks, end, covered, k + 2));
    if ((PARTICLES.has(t.lower) && joins) || ((t.text === '-' || t.text === "'" || t.text === '’') && joins && t.start === toks[k - 1].end)) continue;
    if (t.text === '.' && k === b) continue;
    break;
  }
  return a >= 0 ? { start: a, end: b } : null;
}

/** a capitalised token j before `end`, outside the covered spans (a name word a particle or hyphen can join) */
function capAt(toks: Doc['tokens'], end: number, covered: readonly { start: number; end: number }[], j: number): boolean {
  return j < end && isCap(toks[j].text) && !inSpans(covered, j);
}
