import type { Doc, Token, Chunk, VerbGroup } from '../core/doc.js';
import { isPassive, verbForm } from './voice.js';
import { ASPECT_ING } from './lexicon.js';

const CESSATION = new Set(['stop', 'cease', 'quit', 'halt', 'end']);

const NP_POS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM']);
const POSSESSIVE_PRON = new Set(['its', 'his', 'her', 'their', 'our', 'my', 'your']);
const MODALS = new Set(['will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must']);
const NEG = new Set(['not', "n't", 'never']);
const QUOTE = /^["“”‘’'«»]$/;

function isPossessiveMarker(t: Token): boolean {
  return t.pos === 'PART' && (t.lower === "'s" || t.lower === '’s' || t.lower === "'" || t.lower === '’');
}

/** a VERB token used as a modifier inside a noun phrase: "the UN-backed government", "Iranian-backed militias" */
function isAdjectivalVerb(tokens: Token[], k: number, end: number, inNp: boolean): boolean {
  const t = tokens[k];
  if (t.pos !== 'VERB' || !inNp) return false;
  const next = k + 1 < end ? tokens[k + 1] : null;
  if (!next || (next.pos !== 'NOUN' && next.pos !== 'PROPN' && next.pos !== 'ADJ')) return false;
  const f = verbForm(t);
  if (f !== 'ed' && f !== 'ing') return false;
  if (t.text.includes('-')) return true; // "UN-backed"
  // only after a determiner, adjective, number or hyphen: "the armed forces", "Iranian - backed militias";
  // "Italy condemned Russia" and "officials said Russian forces" are verbs
  const prev = tokens[k - 1];
  return !!prev && (prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'NUM' || prev.text === '-' || isPossessiveMarker(prev));
}

/** "has once again outright rejected": adverbs (up to four) between auxiliary and verb stay in the group */
function advRunThenVerb(tokens: Token[], k: number, last: number): boolean {
  for (let j = k; j < last && j < k + 4; j++) {
    const p = tokens[j].pos;
    if (p === 'VERB' || p === 'AUX' || NEG.has(tokens[j].lower)) return j > k || true;
    if (p !== 'ADV') return false;
  }
  return false;
}

/** a past auxiliary (was, were, had, did) among tokens [from, to) (no slice and closure per verb group) */
function pastAux(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const x = tokens[k];
    if (x.pos === 'AUX' && (x.lower === 'was' || x.lower === 'were' || x.lower === 'had' || x.lower === 'did')) return true;
  }
  return false;
}

/** Does token k continue (or start) a noun phrase? */
function npToken(tokens: Token[], k: number, end: number, inNp: boolean): boolean {
  const t = tokens[k];
  if (NP_POS.has(t.pos)) {
    // a determiner in the middle of an NP starts a new one ("gave Egypt the weapons")
    if (t.pos === 'DET' && inNp && tokens[k - 1] && tokens[k - 1].pos !== 'CCONJ') return false;
    return true;
  }
  if (t.pos === 'PRON' && POSSESSIVE_PRON.has(t.lower) && !inNp) return true;
  if (inNp && isPossessiveMarker(t)) return true;
  if (inNp && t.text === '-' && k + 1 < end && NP_POS.has(tokens[k + 1].pos)) return true;
  if (inNp && t.text === '-' && k + 1 < end && tokens[k + 1].pos === 'VERB') return true;
  if (isAdjectivalVerb(tokens, k, end, inNp)) return true;
  return false;
}

/** "the new and powerful president", "economic and military aid": coordinated adjectives inside one NP */
function adjectiveAnd(tokens: Token[], k: number, end: number): boolean {
  const t = tokens[k];
  return (t.lower === 'and' || t.lower === 'or') && tokens[k - 1]?.pos === 'ADJ' && k + 2 < end && tokens[k + 1].pos === 'ADJ' && NP_POS.has(tokens[k + 2].pos) && tokens[k + 2].pos !== 'DET';
}

function npHead(tokens: Token[], start: number, end: number): number {
  for (let k = end - 1; k >= start; k--) {
    const p = tokens[k].pos;
    if (p === 'NOUN' || p === 'PROPN' || p === 'PRON' || p === 'NUM') return k;
  }
  for (let k = end - 1; k >= start; k--) if (tokens[k].pos === 'ADJ') return k;
  return end - 1;
}

/**
 * Shallow chunker over POS tags: noun phrases (with their governing preposition and possessor) and verb
 * groups (auxiliaries, negation, modal, main verb). Writes doc.chunks and doc.verbs for one sentence.
 */
export function chunkSentence(doc: Doc, sent: number): void {
  const tokens = doc.tokens;
  const { first, last } = doc.sentences[sent];
  let k = first;
  while (k < last) {
    const t = tokens[k];
    // verb group: (AUX|ADV|PART-not)* VERB*, or "to" + verb (infinitive)
    const infinitiveStart = t.lower === 'to' && k + 1 < last && (tokens[k + 1].pos === 'VERB' || tokens[k + 1].pos === 'AUX') && !(k > first && tokens[k - 1].pos === 'VERB' && tokens[k - 1].lemma === 'be');
    if (t.pos === 'AUX' || t.pos === 'VERB' || infinitiveStart) {
      const start = k;
      if (infinitiveStart) k++;
      let head = -1;
      let auxHead = -1;
      // "never attacked", "not to attack": a negation just before the group belongs to it
      let negated = start > first && (tokens[start - 1].lower === 'never' || (tokens[start - 1].pos === 'PART' && NEG.has(tokens[start - 1].lower)));
      let modal: string | null = null;
      while (k < last) {
        const u = tokens[k];
        if (u.pos === 'AUX') {
          auxHead = k;
          if (MODALS.has(u.lemma) && !modal) modal = u.lemma;
          k++;
        } else if (u.pos === 'VERB') {
          // "began shelling", "helped rebuild": the last verb carries the meaning; but in "reject proposed
          // changes" the -ed word modifies the noun that follows
          if (head >= 0 && verbForm(u) === 'ed' && k + 1 < last && (tokens[k + 1].pos === 'NOUN' || tokens[k + 1].pos === 'ADJ' || tokens[k + 1].pos === 'PROPN') && verbForm(tokens[head]) !== 'ed') break;
          // "denied sending drones": an -ing verb after a non-aspect verb starts its own (gerund) clause
          if (head >= 0 && verbForm(u) === 'ing' && !ASPECT_ING.has(tokens[head].lemma)) break;
          // "stopped sending weapons": the action is what ceases
          if (head >= 0 && verbForm(u) === 'ing' && CESSATION.has(tokens[head].lemma)) negated = true;
          head = k;
          k++;
        } else if ((u.pos === 'PART' && NEG.has(u.lower)) || u.lower === 'never') {
          negated = true;
          k++;
        } else if (u.pos === 'ADV' && advRunThenVerb(tokens, k, last)) {
          k++;
        } else break;
      }
      const h = head >= 0 ? head : auxHead >= 0 ? auxHead : start;
      const ci = doc.chunks.length;
      doc.chunks.push(chunkOf('VG', start, k, h, sent, undefined, undefined));
      const infinitive = infinitiveStart;
      const form = verbForm(tokens[h]);
      const hasAux = auxHead >= 0 && auxHead < h;
      const participle = !hasAux && !infinitive && form === 'ing';
      let tense: VerbGroup['tense'] = 'present';
      if (modal === 'will' || modal === 'shall') tense = 'future';
      else if (infinitive) tense = 'none';
      else if (form === 'ed' || pastAux(tokens, start, k)) tense = 'past';
      doc.verbs.push({
        chunk: ci,
        head: h,
        lemma: tokens[h].lemma,
        passive: isPassive(tokens, start, k, h),
        negated,
        modal,
        infinitive,
        participle,
        tense,
      });
      if (k === start) k++;
      continue;
    }
    if (npToken(tokens, k, last, false) || (t.pos === 'PRON' && !QUOTE.test(t.text))) {
      const start = k;
      let possessor: number | undefined;
      if (t.pos === 'PRON' && !POSSESSIVE_PRON.has(t.lower)) {
        k++;
      } else {
        if (t.pos === 'PRON') possessor = k; // "its troops": pronoun possessor
        k++;
        while (k < last && (npToken(tokens, k, last, true) || adjectiveAnd(tokens, k, last))) {
          if (isPossessiveMarker(tokens[k])) possessor = k;
          k++;
        }
      }
      const prevTok = start > first ? tokens[start - 1] : null;
      const prep = prevTok && (prevTok.pos === 'ADP' || (prevTok.lower === 'to' && prevTok.pos === 'PART')) ? start - 1 : undefined;
      doc.chunks.push(chunkOf('NP', start, k, npHead(tokens, start, k), sent, prep, possessor));
      continue;
    }
    k++;
  }
}

/**
 * A chunk with every field present, the optional ones undefined: later stages set `place`, `mention` and
 * `possessorMention` on some chunks, and chunks that all share one layout keep every property access on them
 * monomorphic in V8 (chunks of a dozen layouts made the actor, event and place code that reads them slower).
 * JSON output is unchanged: undefined fields are not written.
 */
function chunkOf(kind: Chunk['kind'], start: number, end: number, head: number, sent: number, prep: number | undefined, possessor: number | undefined): Chunk {
  return { kind, start, end, head, sent, prep, possessor, mention: undefined, place: undefined, possessorMention: undefined };
}
