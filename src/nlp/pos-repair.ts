import type { Token } from '../core/doc.js';
import { singular, SPEECH_VERBS } from './lexicon.js';

/** plural nouns wink often tags as verbs in headlines and subjects ("Russian forces shelled") */
const NOUN_VERB_PLURALS = new Set(['forces', 'troops', 'attacks', 'strikes', 'protests', 'talks', 'sanctions', 'rebels', 'arms', 'supplies', 'shells', 'raids', 'clashes', 'fighters', 'militants', 'guards', 'police', 'aid', 'funds', 'calls', 'ties', 'threats', 'demands', 'plans']);

/**
 * Repair POS tags the shallow parser depends on. wink-nlp's tagger is fast but sometimes tags a plural noun
 * as a verb when another verb follows ("Russian forces shelled Kharkiv"): a known noun-verb plural between a
 * modifier and a finite verb is a noun.
 */
export function repairPos(tokens: Token[], first: number, last: number): void {
  for (let k = first; k < last; k++) {
    const t = tokens[k];
    // "fired tear gas": a noun compound, not the verb "tear"
    if (t.lower === 'tear' && tokens[k + 1]?.lower === 'gas' && k + 1 < last) { t.pos = 'NOUN'; t.lemma = 'tear'; continue; }
    if (t.pos !== 'VERB' || !NOUN_VERB_PLURALS.has(t.lower)) continue;
    const prev = k > first ? tokens[k - 1] : null;
    const next = k + 1 < last ? tokens[k + 1] : null;
    const prevMod = !prev || prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'PROPN' || prev.pos === 'NUM' || prev.pos === 'NOUN' || (prev.pos === 'PART' && /'s|’s/.test(prev.lower)) || (prev.pos === 'PRON' && /^(its|their|his|her|our)$/.test(prev.lower));
    const nextVerb = !!next && (next.pos === 'VERB' || next.pos === 'AUX' || next.pos === 'ADP' || next.text === ',' || next.pos === 'PUNCT');
    if (prevMod && nextVerb) {
      t.pos = 'NOUN';
      t.lemma = t.lower === 'police' ? 'police' : t.lower.replace(/ies$/, 'y').replace(/(ch|sh|ss|x)es$/, '$1').replace(/s$/, '');
    }
  }
}

/** verbs wink tags as plural nouns after a name ("Brazil plans to sign", "UAE pledge aid") */
const VERB_NOUNS = new Set(['plans', 'pledges', 'vows', 'threatens', 'warns', 'seeks', 'wants', 'hopes', 'aims', 'agrees', 'calls', 'urges', 'accuses', 'attacks', 'sends', 'offers', 'promises', 'pledge', 'vow', 'plan', 'offer', 'promise', 'threaten', 'warn', 'urge']);

/** base forms after a joint subject: "France and Germany welcome the deal" (tagged as a noun compound) */
const BASE_VERB_NOUNS = new Set(['welcome', 'condemn', 'reject', 'accuse', 'urge', 'support', 'back', 'oppose', 'deny', 'demand', 'warn', 'threaten', 'sign', 'plan', 'vow', 'pledge', 'promise', 'criticize', 'criticise', 'praise', 'seek', 'want', 'hope', 'offer', 'agree', 'call', 'blame', 'protest', 'denounce', 'dispute', 'recognize', 'recognise', 'resume', 'suspend', 'restore', 'sever', 'reaffirm']);

/** /[a-z]s$/ without a regex: this pass asks it of every noun */
function lowerThenS(w: string): boolean {
  const n = w.length;
  if (n < 2 || w.charCodeAt(n - 1) !== 115) return false; // 's'
  const c = w.charCodeAt(n - 2);
  return c >= 97 && c <= 122;
}

export function repairVerbNouns(tokens: Token[], first: number, last: number): void {
  for (let k = first + 1; k < last - 1; k++) {
    // both repairs below need a name, a noun or a comma before the word: tested before any word lookup
    const before = tokens[k - 1];
    if (before.pos !== 'PROPN' && before.pos !== 'NOUN' && before.lower !== ',') continue;
    const t = tokens[k];
    if ((t.pos === 'NOUN' || t.pos === 'ADJ') && BASE_VERB_NOUNS.has(t.lower) && tokens[k - 1].pos === 'PROPN' && k - 2 >= first) {
      // only after a name joined by "and" to an earlier one, before a determiner or name, with no verb yet
      let j = k - 1;
      while (j > first && tokens[j - 1].pos === 'PROPN') j--;
      const next = tokens[k + 1];
      if (tokens[j - 1]?.lower === 'and' && (next.pos === 'DET' || next.pos === 'PROPN') && noVerbBefore(tokens, first, k)) {
        t.pos = 'VERB';
        t.lemma = t.lower;
        continue;
      }
    }
    if (t.pos !== 'NOUN' || !(VERB_NOUNS.has(t.lower) || lowerThenS(t.lower))) continue;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    // "Hungary, like other members, plans to impose": after a parenthetical too, if no verb came before
    const afterName = prev.pos === 'PROPN' || (prev.pos === 'NOUN' && /s$/.test(prev.lower)) || (prev.text === ',' && VERB_NOUNS.has(t.lower) && noVerbBefore(tokens, first, k - 1));
    const verbFollows = (next.lower === 'to' && k + 2 < last && tokens[k + 2].pos === 'VERB') || next.pos === 'DET' || next.pos === 'PROPN' || /^(our|their|its|his|her|my|your)$/.test(next.lower);
    if (afterName && verbFollows && (VERB_NOUNS.has(t.lower) || noVerbBefore(tokens, first, k))) {
      t.pos = 'VERB';
      t.lemma = singular(t.lower);
    }
  }
}

/**
 * "agreed to re-open its border", "plans to re-impose sanctions": a hyphenated re- word right after an
 * infinitive "to" that follows a verb is the infinitive (wink tags it NOUN, so the clause loses its verb).
 */
export function repairReVerbs(tokens: Token[], first: number, last: number): void {
  for (let k = first + 2; k < last; k++) {
    const t = tokens[k];
    // (the cheap tests first: the regex only for a noun after "to")
    if (t.pos !== 'NOUN' || tokens[k - 1].lower !== 'to' || !/^re-[a-z]{3,}$/.test(t.lower)) continue;
    const before = tokens[k - 2];
    if (before.pos !== 'VERB' && !/^(ready|willing|prepared|able|set|determined|committed)$/.test(before.lower)) continue;
    tokens[k - 1].pos = 'PART';
    t.pos = 'VERB';
    t.lemma = t.lower;
  }
}

/**
 * "rejected a US offer to host a summit", "welcomed an Iranian proposal": after "a/an" and a proper-noun or
 * adjective modifier, a base-form word the tagger took for a verb is the noun it modifies.
 */
export function repairIndefiniteNouns(tokens: Token[], first: number, last: number): void {
  for (let k = first + 2; k < last; k++) {
    const t = tokens[k];
    // (a modifier right before it first: the suffix test and the scan only then)
    if (t.pos !== 'VERB' || (tokens[k - 1].pos !== 'PROPN' && tokens[k - 1].pos !== 'ADJ') || /(ed|ing)$/.test(t.lower)) continue;
    let j = k - 1;
    let mods = 0;
    while (j >= first && (tokens[j].pos === 'PROPN' || tokens[j].pos === 'ADJ') && mods < 3) { j--; mods++; }
    if (mods === 0 || j < first || !/^(a|an)$/.test(tokens[j].lower)) continue;
    t.pos = 'NOUN';
    t.lemma = singular(t.lower);
  }
}

/** "The Security Council today agreed": today/yesterday/tonight after a noun are adverbs, not part of the NP */
export function repairTimeAdverbs(tokens: Token[], first: number, last: number): void {
  for (let k = first + 1; k < last; k++) {
    const t = tokens[k];
    if ((t.pos === 'NOUN' || t.pos === 'PROPN') && (t.lower === 'today' || t.lower === 'yesterday' || t.lower === 'tonight') && (tokens[k - 1].pos === 'NOUN' || tokens[k - 1].pos === 'PROPN')) t.pos = 'ADV';
  }
}

/** "which mediated the talks": a word in -ed right after a relative pronoun is its verb */
export function repairRelativeVerbs(tokens: Token[], first: number, last: number): void {
  for (let k = first + 1; k < last - 1; k++) {
    const t = tokens[k];
    const prev = tokens[k - 1];
    // (string comparisons rather than a regex on every noun's predecessor)
    if ((t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN') && (prev.lower === 'which' || prev.lower === 'who' || prev.lower === 'that') && /[a-z]ed$/.test(t.lower)) {
      t.pos = 'VERB';
      if (t.lemma === t.lower) t.lemma = t.lower.replace(/ied$/, 'y').replace(/([^aeiou])\1ed$/, '$1').replace(/ed$/, (m, off) => (/(at|iz|is|v|c|g|u|s)$/.test(t.lower.slice(0, off)) ? 'e' : ''));
    }
  }
}

/**
 * A sentence with no verb at all ("Israel blockaded Gaza", "Gunmen abducted two students" tagged as one noun
 * phrase): the first -ed word after a noun is its verb. Its lemma is a guess the event matcher re-checks.
 */
export function repairMissingVerb(tokens: Token[], first: number, last: number): void {
  // the only verb may be a trailing attribution's ("Gunmen abducted two students, police said"): then the
  // part before its comma is the verbless clause
  let firstVerb = -1;
  for (let k = first; k < last; k++) if (tokens[k].pos === 'VERB' || tokens[k].pos === 'AUX') { firstVerb = k; break; }
  if (firstVerb >= 0) {
    let comma = -1;
    for (let k = firstVerb - 1; k > first; k--) if (tokens[k].text === ',') { comma = k; break; }
    if (comma < 0 || !SPEECH_VERBS.has(tokens[firstVerb].lemma) || firstVerb - comma > 5) return;
    last = comma;
  }
  for (let k = first + 1; k < last - 1; k++) {
    const t = tokens[k];
    const prev = tokens[k - 1];
    // "Israeli troops shot two Palestinians": an irregular past after the subject noun
    const base = IRREGULAR_PAST.get(t.lower);
    if (base && (t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN') && (prev.pos === 'NOUN' || prev.pos === 'PROPN') && /^[a-z]/.test(t.text)) {
      t.pos = 'VERB';
      t.lemma = base;
      return;
    }
    if ((t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN') && /[a-z]{3,}ed$/.test(t.lower) && (prev.pos === 'NOUN' || prev.pos === 'PROPN')) {
      t.pos = 'VERB';
      t.lemma = t.lower.slice(0, -2);
      return;
    }
  }
}

/** irregular past forms the tagger may read as nouns, with their lemmas */
const IRREGULAR_PAST = new Map(Object.entries({
  shot: 'shoot', hit: 'hit', struck: 'strike', fought: 'fight', held: 'hold', led: 'lead', fled: 'flee', sent: 'send',
  met: 'meet', seized: 'seize', told: 'tell', beat: 'beat', cut: 'cut', sought: 'seek', caught: 'catch', stole: 'steal',
  took: 'take', threw: 'throw', broke: 'break', gave: 'give', won: 'win', overran: 'overrun', withdrew: 'withdraw',
  blew: 'blow', slew: 'slay', bore: 'bear', drove: 'drive', stormed: 'storm', burnt: 'burn', tore: 'tear', shelled: 'shell',
}));

/** lemma candidates for a guessed -ed form: "blockaded" → blockad, blockade; "shelled" → shell; "stopped" → stop */
export function edLemmaCandidates(w: string): string[] {
  if (!w.endsWith('ed')) return [];
  const stem = w.slice(0, -2);
  const out = [stem, w.slice(0, -1)];
  if (/([b-df-hj-np-tv-z])\1$/.test(stem)) out.push(stem.slice(0, -1));
  if (stem.endsWith('i')) out.push(stem.slice(0, -1) + 'y');
  return out;
}

/** no verb between the clause start (sentence start, comma or subordinator) and token k */
function noVerbBefore(tokens: Token[], first: number, k: number): boolean {
  for (let j = k - 1; j >= first; j--) {
    const t = tokens[j];
    if (t.pos === 'VERB' || t.pos === 'AUX') return false;
    if (t.text === ',' || t.pos === 'SCONJ' || t.lower === 'unless' || t.lower === 'if') return true;
  }
  return true;
}

/**
 * "Old rivals India and Pakistan have renewed ties": a sentence-initial descriptive noun before the names it
 * describes, tagged as a verb ("rivals", "foes", "allies"), when a verb follows the names.
 */
export function repairDescriptiveNouns(tokens: Token[], first: number, last: number): void {
  const k = first + 1;
  if (k + 1 >= last) return;
  const t = tokens[k];
  const head = tokens[first];
  if (t.pos !== 'VERB' || !/[a-z]s$/.test(t.lower) || !/^[A-Z]/.test(head.text) || (head.pos !== 'ADJ' && head.pos !== 'PROPN')) return;
  if (tokens[k + 1].pos !== 'PROPN') return;
  let j = k + 1;
  while (j < last && (tokens[j].pos === 'PROPN' || tokens[j].lower === 'and' || tokens[j].text === ',')) j++;
  if (j < last && (tokens[j].pos === 'VERB' || tokens[j].pos === 'AUX')) {
    t.pos = 'NOUN';
    t.lemma = singular(t.lower);
    if (head.pos === 'PROPN') head.pos = 'ADJ';
  }
}

/**
 * Capitalised words inside a name that the tagger took for verbs: "Human Rights Watch accused", "Downing
 * Street condemned": a capitalised VERB after a name word, or a sentence-initial capitalised -ing word before
 * one, is part of the name.
 */
/** /^[A-Z][a-z]/ without a regex */
function upperLower(w: string): boolean {
  const a = w.charCodeAt(0);
  const b = w.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 97 && b <= 122;
}

export function repairNameVerbs(tokens: Token[], first: number, last: number): void {
  for (let k = first; k < last - 1; k++) {
    const t = tokens[k];
    if (t.pos !== 'VERB' || !upperLower(t.text)) continue;
    const prev = k > first ? tokens[k - 1] : null;
    const next = tokens[k + 1];
    const afterName = !!prev && prev.pos === 'PROPN' && /^[A-Z]/.test(prev.text);
    const beforeName = k === first && /ing$/.test(t.lower) && next.pos === 'PROPN' && /^[A-Z]/.test(next.text);
    const nextIsVerb = next.pos === 'VERB' || next.pos === 'AUX';
    if ((afterName && nextIsVerb) || beforeName) {
      t.pos = 'PROPN';
      t.lemma = t.lower;
    }
  }
}

/** verbs that ask for something, and base forms the tagger reads as nouns in what they ask for */
const ASKING = new Set(['demand', 'insist', 'urge', 'ask', 'recommend', 'require', 'propose', 'suggest', 'order', 'request']);
const SUBJUNCTIVE = new Set(['end', 'release', 'withdraw', 'stop', 'halt', 'lift', 'allow', 'free', 'return', 'hand', 'pay', 'respect', 'cease', 'grant', 'open', 'close', 'abandon', 'recognize', 'recognise', 'accept', 'comply', 'investigate', 'punish', 'apologize', 'apologise', 'compensate', 'resume', 'restore', 'let', 'provide', 'permit', 'drop', 'pull', 'leave', 'step', 'resign', 'hold', 'respect', 'protect', 'disarm', 'reverse', 'scrap', 'cancel', 'extradite']);

/**
 * "demanded that the Sudanese government end curbs", "insisted that Hamas release the hostages": the base-form
 * verb of the demanded clause, tagged as a noun after its subject.
 */
export function repairSubjunctive(tokens: Token[], first: number, last: number): void {
  for (let k = first + 1; k < last - 2; k++) {
    if (tokens[k].lower !== 'that' || tokens[k - 1].pos !== 'VERB' || !ASKING.has(tokens[k - 1].lemma)) continue;
    for (let j = k + 2; j < last - 1 && j <= k + 6; j++) {
      const t = tokens[j];
      if (t.pos === 'VERB' || t.pos === 'AUX') break;
      if (!['DET', 'ADJ', 'PROPN', 'NOUN', 'NUM', 'PART'].includes(tokens[j - 1].pos)) break;
      if ((t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN') && SUBJUNCTIVE.has(t.lower) && ['DET', 'NOUN', 'PROPN', 'ADJ', 'PRON', 'NUM'].includes(tokens[j + 1].pos)) {
        t.pos = 'VERB';
        t.lemma = t.lower;
        break;
      }
    }
  }
}

// Which repairs a sentence can need (bits of `repairTriggers`). Most repairs fire only next to a few words
// ("that", "a", "today", ...), and those words are rare; one pass over the sentence finds them, so the passes
// whose word is absent are skipped. The words (`lower`, `text`) never change, so a missing word rules its
// repair out whatever tags the earlier repairs leave behind.
const NAME_VERB = 1; // a capitalised VERB (repairNameVerbs; it runs first, so the tags seen here are its tags)
const NOUN_VERB = 2; // "tear", or a VERB in NOUN_VERB_PLURALS (repairPos; only repairNameVerbs runs before it,
//                      and it only turns VERBs into PROPNs, so a token that is a VERB then is a VERB here)
const THAT = 4; // repairSubjunctive
const RELATIVE = 8; // which / who / that (repairRelativeVerbs)
const RE_WORD = 16; // a word in "re-" (repairReVerbs)
const TIME_WORD = 32; // today / yesterday / tonight (repairTimeAdverbs)
const INDEFINITE = 64; // a / an (repairIndefiniteNouns)

function repairTriggers(tokens: Token[], first: number, last: number): number {
  let m = 0;
  for (let k = first; k < last; k++) {
    const t = tokens[k];
    const w = t.lower;
    if (t.pos === 'VERB') {
      if (k < last - 1 && upperLower(t.text)) m |= NAME_VERB;
      if (NOUN_VERB_PLURALS.has(w)) m |= NOUN_VERB;
    }
    switch (w.charCodeAt(0)) {
      case 97: // a
        if (w === 'a' || w === 'an') m |= INDEFINITE;
        break;
      case 116: // t
        if (w === 'that') m |= THAT | RELATIVE;
        else if (w === 'tear') m |= NOUN_VERB;
        else if (w === 'today' || w === 'tonight') m |= TIME_WORD;
        break;
      case 119: // w
        if (w === 'which' || w === 'who') m |= RELATIVE;
        break;
      case 121: // y
        if (w === 'yesterday') m |= TIME_WORD;
        break;
      case 114: // r
        if (w.charCodeAt(1) === 101 && w.charCodeAt(2) === 45) m |= RE_WORD; // "re-"
        break;
    }
  }
  return m;
}

/** All the repairs of one sentence, in their order; those whose trigger words are absent are skipped. */
export function repairSentence(tokens: Token[], first: number, last: number): void {
  const m = repairTriggers(tokens, first, last);
  if (m & NAME_VERB) repairNameVerbs(tokens, first, last);
  if (m & NOUN_VERB) repairPos(tokens, first, last);
  repairVerbNouns(tokens, first, last);
  if (m & THAT) repairSubjunctive(tokens, first, last);
  repairDescriptiveNouns(tokens, first, last);
  if (m & RELATIVE) repairRelativeVerbs(tokens, first, last);
  if (m & RE_WORD) repairReVerbs(tokens, first, last);
  if (m & TIME_WORD) repairTimeAdverbs(tokens, first, last);
  if (m & INDEFINITE) repairIndefiniteNouns(tokens, first, last);
  repairMissingVerb(tokens, first, last);
}
