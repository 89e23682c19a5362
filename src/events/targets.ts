import type { Doc, Clause, ActorMention, VerbGroup } from '../core/doc.js';
import { newMention } from '../core/doc.js';
import { clauseSubject } from '../nlp/clauses.js';
import { coordinationGap } from '../core/text.js';
import { LOCATIVE_PREPS } from '../nlp/lexicon.js';
import type { VerbDictionary } from './dictionary.js';
import { matchPatterns, type PatternMatch } from './match.js';
import { needsPrepTarget } from './compose.js';
import { edLemmaCandidates } from '../nlp/pos-repair.js';
import { mentionOf, mentionsOf, type SentenceCtx } from './context.js';

/** NP chunks coordinated after chunk c: "Syria and Iraq", "France, Germany and Italy" */
export function coordinatedAfter(doc: Doc, c: number, end: number): number[] {
  const out = [c];
  let cur = c;
  for (let n = cur + 1; n < doc.chunks.length; n++) {
    const ch = doc.chunks[n];
    if (ch.kind !== 'NP' || ch.start >= end) break;
    if (!coordinationGap(doc.tokens, doc.chunks[cur].end, ch.start)) break;
    if (ch.prep !== undefined) break;
    out.push(n);
    cur = n;
  }
  return out;
}

/** first actor NP after token `from` in the clause, skipping places and "by" agents */
export function firstActorAfter(ctx: SentenceCtx, from: number, end: number, allowPlace: boolean, prepOnly = false, byIsAgent = true, notTarget?: (m: ActorMention) => boolean): number | null {
  const doc = ctx.doc;
  let place: number | null = null;
  let unresolved: number | null = null;
  for (let k = from; k < end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c === undefined || doc.chunks[c].kind !== 'NP') continue;
    const m = mentionOf(doc, c);
    if (!m) continue;
    // the source's own side is no target: "Egypt threatened military intervention against the GNA"
    if (notTarget?.(m)) continue;
    // "on the border with Uganda": a neighbour named to place something is no target
    const prevCh = c > 0 ? doc.chunks[c - 1] : undefined;
    // ("deployed troops to the border with Ukraine", "reopened its border with Syria" do target it)
    if (doc.chunks[c].prep !== undefined && prevCh?.kind === 'NP' && prevCh.end === doc.chunks[c].prep && BORDER_NOUNS.has(doc.tokens[prevCh.head].lemma)
      && prevCh.prep !== undefined && AT_BORDER.has(doc.tokens[prevCh.prep].lower)) continue;
    // a place whose name holds an agent word is a place, not that agent ("the West Bank" is no bank)
    if (m.kind === 'agent' && doc.chunks[c].place !== undefined) continue;
    const ch = doc.chunks[c];
    const prep = ch.prep !== undefined ? doc.tokens[ch.prep].lower : null;
    // a "by" phrase is the agent of a passive, or right after the verb; after a noun it is an actor
    // like any other ("denied the accusations by Turkey")
    // (the literal grammar, like PETRARCH, takes the agent of a later participle: "memos sent by Bree")
    if (prep === 'by' && (byIsAgent || (doc.tokens[ch.prep! - 1]?.pos === 'VERB' && !ctx.literal))) continue;
    if (prepOnly && !prep) continue;
    if (!prepOnly && (m.locative || (prep && LOCATIVE_PREPS.has(prep)))) {
      if (place === null && m.code) place = c;
      continue;
    }
    // an unresolved actor ("its army") is kept only if no resolved one follows
    if (!m.code) {
      if (unresolved === null) unresolved = c;
      continue;
    }
    return c;
  }
  // the literal grammar (PETRARCH) takes whichever comes first
  if (ctx.literal && allowPlace && place !== null && (unresolved === null || place < unresolved)) return place;
  return unresolved ?? (allowPlace ? place : null);
}

export interface Coded {
  match: PatternMatch;
  code: string | null;
  targets: number[];
  /** a place attacked, blockaded or occupied, standing for its country ("shelled Kharkiv" → UKR) */
  placeTargets?: ActorMention[];
}

/**
 * codes whose target, when no actor is named, is the country where they happen: attacks, and coercion or
 * curfews imposed or eased on a place ("declared a curfew in Abidjan", "lifted the curfew in Montenegro")
 */
const LOCATIVE_TARGET = /^(17|18|19|20|0813|0814)/;

/** codes whose object may be a place rather than an actor: attacks, blockades, occupations, aid, visits */
export const PLACE_TARGET = /^(18|19|20|07|042)/;

/**
 * The country of a place named as the object ("shelled Kharkiv", "blockaded Gaza") or after an attack
 * preposition ("launched missiles at Odesa"), as an actor for the event's target.
 */
const BORDER_NOUNS = new Set(['border', 'frontier', 'boundary', 'borderland', 'crossing']);
const AT_BORDER = new Set(['on', 'near', 'along', 'at', 'by', 'close']);
const PLACE_NOUNS_OF = new Set(['area', 'district', 'neighbourhood', 'neighborhood', 'outskirt', 'outskirts', 'suburb', 'part', 'centre', 'center', 'city', 'town', 'village', 'region', 'province', 'port', 'airport', 'camp', 'street', 'quarter', 'countryside', 'east', 'west', 'north', 'south']);

export function placeTarget(ctx: SentenceCtx, from: number, end: number): ActorMention | null {
  const doc = ctx.doc;
  for (let k = from; k < end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c === undefined) continue;
    const ch = doc.chunks[c];
    if (ch.kind !== 'NP') continue;
    const prep = ch.prep !== undefined ? doc.tokens[ch.prep].lower : null;
    // "residential areas of Omdurman", "the outskirts of Kyiv": the place after a place noun
    const ofPlace = prep === 'of' && PLACE_NOUNS_OF.has(doc.tokens[doc.chunks[c - 1]?.head ?? -1]?.lemma ?? '');
    if (prep && !['at', 'on', 'against', 'into', 'to'].includes(prep) && !ofPlace) continue;
    if (ch.place === undefined) continue;
    const p = doc.places[ch.place];
    if (!p?.country) continue;
    return newMention({
      start: p.start, end: p.end, text: p.text, code: p.country, country: p.country, sector: null, name: null,
      kind: 'country', entries: [`place '${p.name}' (${p.precision}) in ${p.country}`], confidence: Math.min(0.8, p.confidence),
      locative: false, agents: [],
    });
  }
  return null;
}

/**
 * Does any head codeVerb would try for this verb group (the word as written, the lemma, or the lemma's guessed
 * -ed spellings when the lemma is not listed) have patterns? codeVerb returns null when none has.
 */
export function verbHasPatterns(doc: Doc, vg: VerbGroup, verbs: VerbDictionary): boolean {
  const lower = doc.tokens[vg.head].lower;
  if (verbs.byHead.has(vg.lemma) || (lower !== vg.lemma && verbs.byHead.has(lower))) return true;
  return edLemmaCandidates(lower).some((h) => verbs.byHead.has(h));
}

/** match the clause's verb against the dictionary and find its target NPs */
export function codeVerb(ctx: SentenceCtx, cl: Clause, verbs: VerbDictionary, notTarget?: (m: ActorMention) => boolean): Coded | null {
  const doc = ctx.doc;
  if (cl.verb === null) return null;
  const vg = doc.verbs[cl.verb];
  // no head with patterns: no match (asked first, as a quarter of the verbs have none)
  if (!verbHasPatterns(doc, vg, verbs)) return null;
  // an -ed form the tagger missed has a guessed lemma: try its spellings ("blockaded" → blockade)
  // a dictionary may list an inflected form as a verb of its own (PETRARCH's "SAID", "LEFT" blocks): the
  // word as written comes first
  const lower = doc.tokens[vg.head].lower;
  const lowerListed = lower !== vg.lemma && verbs.byHead.has(lower);
  const guesses = verbs.byHead.has(vg.lemma) ? null : edLemmaCandidates(lower);
  const vch = doc.chunks[vg.chunk];
  // passive: the subject is the verb's object ("Sanctions were imposed on Iran", "Kyiv was shelled")
  let after = vch.end;
  if (vg.passive) {
    const subj = clauseSubject(doc, cl.i);
    if (subj.length && doc.chunks[subj[0]].start < vch.start) after = doc.chunks[subj[0]].start;
  }
  const isActor = (c: number) => c >= 0 && mentionOf(doc, c) !== null;
  // patterns may reach into the infinitive the verb governs: "urged Iran to release"
  let end = cl.end;
  for (const c of ctx.clauses) if (c.parent === cl.i && c.kind === 'infinitival' && c.start === end) end = c.end;
  // the literal grammar reads a pattern over the rest of the sentence, as PETRARCH/TABARI do
  // (up to a trailing attribution: ", a senior official said")
  if (ctx.literal) {
    const attr = ctx.attributionClause !== null ? ctx.clauses.find((c) => c.i === ctx.attributionClause) : undefined;
    end = Math.max(end, attr && attr.start > vch.end ? attr.start : doc.sentences[ctx.sent].last);
  }
  // heads in order: the word as written (when listed), the lemma, the lemma's guessed spellings
  let m: PatternMatch | null = null;
  // words a pattern wants before the verb are looked for from the start of the sentence; whether the subject
  // names several actors is asked only by '%' patterns
  const compound = (): boolean => {
    let named = 0;
    for (const c of clauseSubject(doc, cl.i)) {
      const sm = mentionOf(doc, c);
      if (sm?.code) named += 1 + (sm.also?.length ?? 0);
    }
    return named > 1;
  };
  const window = { head: vg.head, from: doc.sentences[ctx.sent].first, compound };
  if (lowerListed) m = matchPatterns(doc, verbs, lower, after, end, ctx.chunkStart, isActor, window);
  m ??= matchPatterns(doc, verbs, vg.lemma, after, end, ctx.chunkStart, isActor, window);
  if (guesses) for (const h of guesses) m ??= matchPatterns(doc, verbs, h, after, end, ctx.chunkStart, isActor, window);
  if (!m) return null;
  const code = m.pattern.code;
  let t: number | null = m.targetChunk;
  const hasSlot = m.pattern.elems.some((e) => e.kind === 'target');
  if (t !== null && !isActor(t)) {
    // "to the border with Ukraine": the slot's own complement names the actor
    const next = doc.chunks[t + 1];
    const nprep = next && next.prep !== undefined ? doc.tokens[next.prep].lower : null;
    t = next && next.prep === doc.chunks[t].end && (nprep === 'with' || nprep === 'of') && isActor(t + 1) ? t + 1 : null;
  } else if (!hasSlot && vg.passive && after < vch.start && isActor(ctx.chunkStart.get(after) ?? -1)) {
    // "The rebels who attacked the base were arrested by police": the target is the passive subject
    t = ctx.chunkStart.get(after)!;
  } else if (!hasSlot) {
    // a pattern that matched into the governed infinitive ("promised to continue military aid to X") looks
    // for its target there too
    const tEnd = ctx.literal || m.lastToken >= cl.end ? end : cl.end;
    t = code && needsPrepTarget(code)
      ? firstActorAfter(ctx, after, tEnd, true, true, vg.passive, notTarget)
      : firstActorAfter(ctx, after, tEnd, ctx.literal || (!!code && LOCATIVE_TARGET.test(code)), false, vg.passive, notTarget);
    // "welcomed aid sent by Saudi Arabia": the agent of a reduced relative on the object is the target
    if (t === null && code && !vg.passive) t = reducedRelativeAgent(ctx, cl, notTarget);
  }
  const targets = t === null ? [] : coordinatedAfter(doc, t, end).filter(isActor);
  const resolved = targets.some((x) => mentionOf(doc, x)?.code);
  const place = !resolved && code && PLACE_TARGET.test(code) ? placeTarget(ctx, after, end) : null;
  return { match: m, code, targets: place ? [] : targets, placeTargets: place ? [place] : undefined };
}

/** the "by" agent of a reduced passive relative right after the clause ("aid | sent by Saudi Arabia") */
function reducedRelativeAgent(ctx: SentenceCtx, cl: Clause, notTarget?: (m: ActorMention) => boolean): number | null {
  const doc = ctx.doc;
  const rel = ctx.clauses.find((c) => c.parent === cl.i && c.kind === 'participial' && c.start === cl.end && c.verb !== null);
  if (!rel || !isReducedPassive(ctx, rel)) return null;
  // only on the verb's object: "welcomed aid | sent by X", not "agreed … in a deal | brokered by X"
  const vEnd = doc.chunks[doc.verbs[cl.verb!].chunk].end;
  const obj = ctx.chunkStart.get(vEnd);
  if (obj === undefined || doc.chunks[obj].kind !== 'NP' || doc.chunks[obj].prep !== undefined || doc.chunks[obj].end !== rel.start) return null;
  const k = doc.chunks[doc.verbs[rel.verb!].chunk].end; // the "by"
  const c = ctx.chunkStart.get(k) ?? ctx.chunkStart.get(k + 1);
  if (c === undefined || doc.chunks[c].kind !== 'NP' || doc.chunks[c].prep !== k) return null;
  const m = mentionOf(doc, c);
  return m && m.code && !notTarget?.(m) ? c : null;
}

export function byAgent(ctx: SentenceCtx, cl: Clause): ActorMention[] {
  const doc = ctx.doc;
  for (let k = doc.chunks[doc.verbs[cl.verb!].chunk].end; k < cl.end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c === undefined) continue;
    const ch = doc.chunks[c];
    if (ch.kind === 'NP' && ch.prep !== undefined && doc.tokens[ch.prep].lower === 'by') {
      return mentionsOf(doc, coordinatedAfter(doc, c, cl.end));
    }
  }
  return [];
}

export function isReducedPassive(ctx: SentenceCtx, cl: Clause): boolean {
  const doc = ctx.doc;
  const vch = doc.chunks[doc.verbs[cl.verb!].chunk];
  return doc.tokens[vch.end]?.lower === 'by';
}

export function hasTargetNoun(ctx: SentenceCtx, cl: Clause, noun = 'target'): boolean {
  const doc = ctx.doc;
  for (let k = doc.chunks[doc.verbs[cl.verb!].chunk].end; k < cl.end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c !== undefined && doc.chunks[c].kind === 'NP' && doc.tokens[doc.chunks[c].head].lemma === noun) return true;
  }
  return false;
}
