import type { Doc, Clause, ActorMention, Quote } from '../core/doc.js';
import { clauseSubject } from '../nlp/clauses.js';
import { SPEECH_VERBS, TIME_HEADS } from '../nlp/lexicon.js';
import type { ChunkStarts } from './match.js';
import { DENIAL_VERBS, APPEAL_VERBS, DEMAND_VERBS } from './compose.js';

/** Per-sentence context the clause coder needs. */
export interface SentenceCtx {
  doc: Doc;
  sent: number;
  clauses: Clause[];
  chunkStart: ChunkStarts;
  /** literal grammar: code verbs as their patterns say, without dyad's modality, negation and context rules */
  literal: boolean;
  /** speaker mention of a trailing attribution (", officials said.") */
  attribution: ActorMention | null;
  attributionClause: number | null;
}

export const mentionOf = (doc: Doc, c: number): ActorMention | null => {
  const m = doc.chunks[c].mention;
  return m === undefined ? null : doc.mentions[m];
};

/** the actors named by chunks, only those with a code when `coded`: one array where map + filter made two */
export function mentionsOf(doc: Doc, chunks: readonly number[], coded = false): ActorMention[] {
  const out: ActorMention[] = [];
  for (const c of chunks) {
    const m = mentionOf(doc, c);
    if (m && (!coded || m.code)) out.push(m);
  }
  return out;
}

/** the first clause of the sentence of this kind under clause ci (no filtered array for one answer) */
export function firstChild(ctx: SentenceCtx, ci: number, kind: Clause['kind']): Clause | undefined {
  for (const c of ctx.clauses) if (c.parent === ci && c.kind === kind) return c;
  return undefined;
}

/** Is the clause (or an ancestor) a hypothetical or denied context? */
export function blocked(ctx: SentenceCtx, cl: Clause): string | null {
  const doc = ctx.doc;
  // "accused Ankara of sending mercenaries": a gerund after a preposition is content, not a happening
  if (cl.kind === 'participial' && doc.tokens[cl.start - 1]?.pos === 'ADP') return 'gerund complement of a preposition';
  // "denied sending drones": the gerund right after a denial verb did not happen (per the speaker)
  if (cl.kind === 'participial' && cl.parent !== null) {
    const p = doc.clauses[cl.parent];
    if (p.verb !== null && DENIAL_VERBS.has(doc.verbs[p.verb].lemma) && doc.chunks[doc.verbs[p.verb].chunk].end === cl.start) return 'gerund complement of a denial';
  }
  for (let c: Clause | undefined = cl, hops = 0; c && hops < 10; hops++) {
    if (c.kind === 'conditional') return 'inside a conditional clause';
    if (c.kind === 'complement' && c.parent !== null) {
      const p = doc.clauses[c.parent];
      if (p.verb !== null && DENIAL_VERBS.has(doc.verbs[p.verb].lemma)) return 'complement of a denial';
      if (p.verb !== null && (DEMAND_VERBS.has(doc.verbs[p.verb].lemma) || APPEAL_VERBS.has(doc.verbs[p.verb].lemma))) return 'complement of a demand';
    }
    c = c.parent !== null ? doc.clauses[c.parent] : undefined;
  }
  return null;
}

/** The speaker of reported content: the subject of the governing speech verb, or a trailing attribution. */
export function speakerOf(ctx: SentenceCtx, cl: Clause): ActorMention | null {
  const doc = ctx.doc;
  for (let c: Clause | undefined = cl, hops = 0; c && hops < 10; hops++) {
    if (c.kind === 'complement' && c.parent !== null) {
      const p = doc.clauses[c.parent];
      if (p.verb !== null && SPEECH_VERBS.has(doc.verbs[p.verb].lemma)) {
        const s = clauseSubject(doc, p.i);
        if (s.length) return mentionOf(doc, s[0]);
      }
    }
    c = c.parent !== null ? doc.clauses[c.parent] : undefined;
  }
  const q = quoteOf(ctx, cl);
  if (q && q.speaker !== null) return doc.mentions[q.speaker];
  if (ctx.attribution && cl.i !== ctx.attributionClause) return ctx.attribution;
  return null;
}

const STATE_SECTORS = new Set(['GOV', 'MIL', 'COP', 'JUD', 'LEG', 'SPY']);

export function sameActor(a: ActorMention | null, b: ActorMention | null): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  if (a.antecedent && a.antecedent.start === b.start) return true;
  if (b.antecedent && b.antecedent.start === a.start) return true;
  // two different dictionary entries are two actors even with one code ("Hemedti met Burhan", both SDNGOV)
  if (a.entryId && b.entryId && a.entryId !== b.entryId && (a.kind === 'person' || b.kind === 'person')) return false;
  if (!!a.code && a.code === b.code) return true;
  // a country and its own state organs are one side ("the Libyan government praised Libya"); its
  // citizens, rebels or opposition are not ("Syria used chemical weapons against its own citizens")
  const bare = (m: ActorMention) => !!m.code && m.code.length === 3 && m.code === m.country;
  const state = (m: ActorMention) => bare(m) || STATE_SECTORS.has(m.sector ?? '');
  return !!a.country && a.country === b.country && (bare(a) || bare(b)) && state(a) && state(b);
}

export function isQuoted(ctx: SentenceCtx, cl: Clause): boolean {
  return quoteOf(ctx, cl) !== null;
}

/** the direct quotation a clause's verb stands in, if any */
export function quoteOf(ctx: SentenceCtx, cl: Clause): Quote | null {
  const doc = ctx.doc;
  const at = cl.verb !== null ? doc.verbs[cl.verb].head : cl.start;
  for (const q of doc.quotes) if (at >= q.start && at < q.end) return q;
  return null;
}

const COORDINATORS = new Set(['and', 'but', 'or', 'yet', 'while']);
/** prepositions of the adverbials an attribution may carry: "on Tuesday", "in a statement", "to reporters" */
const ATTRIBUTION_PREPS = new Set(['on', 'in', 'at', 'to', 'during', 'after', 'before', 'from', 'via', 'by', 'according', 'late', 'earlier', 'of', 'through', 'over', 'following', 'ahead']);

/** ", officials said." at the end of a sentence attributes the whole sentence to its subject */
export function findAttribution(ctx: SentenceCtx): void {
  const doc = ctx.doc;
  const last = ctx.clauses[ctx.clauses.length - 1];
  if (!last || last.verb === null || ctx.clauses.length < 2) return;
  const vg = doc.verbs[last.verb];
  if (!SPEECH_VERBS.has(vg.lemma)) return;
  if (doc.tokens[last.start - 1]?.text !== ',' && !/^["”’]$/.test(doc.tokens[last.start - 1]?.text ?? '')) return;
  // ", and the army responded with artillery" is a clause of its own, not an attribution; nor is a modal
  // (", we will respond")
  if (COORDINATORS.has(doc.tokens[last.start]?.lower ?? '') || vg.modal) return;
  // nothing but adverbials after the verb: "..., officials said on Tuesday / in a statement / to reporters."
  const vch = doc.chunks[vg.chunk];
  for (let k = vch.end; k < last.end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c === undefined || doc.chunks[c].kind !== 'NP') continue;
    const ch = doc.chunks[c];
    if (ch.prep === undefined && !TIME_HEADS.has(doc.tokens[ch.head].lower)) return;
    if (ch.prep !== undefined && !ATTRIBUTION_PREPS.has(doc.tokens[ch.prep].lower)) return;
  }
  const subj = clauseSubject(doc, last.i);
  ctx.attribution = subj.length ? mentionOf(doc, subj[0]) : null;
  ctx.attributionClause = last.i;
}
