import type { Token } from '../core/doc.js';

/** Irregular past participles that do not end in -ed/-en. */
const IRREGULAR_PARTICIPLES = new Set([
  'shot', 'hit', 'held', 'kept', 'met', 'sent', 'built', 'brought', 'bought', 'caught', 'fought', 'sought',
  'taught', 'thought', 'told', 'sold', 'found', 'bound', 'led', 'fed', 'fled', 'left', 'lost', 'made', 'paid',
  'put', 'read', 'said', 'set', 'shut', 'spent', 'struck', 'stuck', 'swept', 'slain', 'split', 'spread',
  'hung', 'won', 'cut', 'beat', 'burnt', 'dealt', 'heard', 'laid', 'lent', 'meant', 'quit', 'rid', 'wound',
  'upheld', 'withheld', 'overthrown', 'overrun', 'begun', 'done', 'gone', 'seen', 'known', 'shown', 'thrown',
  'blown', 'drawn', 'flown', 'grown', 'torn', 'worn', 'sworn', 'born', 'borne', 'run', 'come', 'become',
]);

/** a word that can be a past participle: -ed, -en, or an irregular form ("sent", "held", "shot") */
export function participleForm(w: string): boolean {
  return w.endsWith('ed') || (w.endsWith('en') && w.length > 4) || IRREGULAR_PARTICIPLES.has(w);
}

/** Rough morphological form of a verb token: "ed" (past / participle), "ing", "s", or "base". */
export function verbForm(t: Token): 'ed' | 'ing' | 's' | 'base' {
  const w = t.lower;
  if (w.endsWith('ing') && w.length > 4 && t.lemma !== w) return 'ing';
  if (w.endsWith('ed') || w.endsWith('en') || IRREGULAR_PARTICIPLES.has(w)) {
    if (w !== t.lemma || IRREGULAR_PARTICIPLES.has(w)) return 'ed';
  }
  if (w !== t.lemma && w.endsWith('s')) return 's';
  if (w !== t.lemma) return 'ed'; // other inflected forms (irregular pasts such as "took")
  return 'base';
}

/**
 * Passive voice: a form of "be"/"get" (possibly with adverbs or "not" between) followed by a past participle
 * as the main verb: "was repelled", "have been killed", "got arrested".
 */
export function isPassive(tokens: Token[], start: number, end: number, head: number): boolean {
  const h = tokens[head];
  if (h.pos !== 'VERB' || verbForm(h) !== 'ed') return false;
  for (let k = head - 1; k >= start; k--) {
    const t = tokens[k];
    if (t.pos === 'AUX' || t.pos === 'VERB') {
      if (t.lemma === 'be' || t.lemma === 'get') return true;
      if (t.lemma === 'have' || ['will', 'would', 'may', 'might', 'can', 'could', 'should', 'must'].includes(t.lemma)) return false;
      continue;
    }
  }
  return false;
}
