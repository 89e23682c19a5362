import type { ActorMention } from '../core/doc.js';
import { newMention } from '../core/doc.js';
import type { VerbDictionary } from './dictionary.js';
import type { Draft } from './build.js';
import type { SentenceCtx } from './stage.js';
import { matchPatterns } from './match.js';
import { placeTarget, PLACE_TARGET } from './targets.js';

/**
 * Nominal events: "Russia's invasion of Ukraine", "the Turkish offensive against the YPG", "an attack on
 * the base by militants". The source is the possessor, an actor modifier inside the NP, or a "by" phrase;
 * the target fills the pattern's slot. Only emitted when the source is explicit.
 */
export function nominalEvents(ctx: SentenceCtx, nouns: VerbDictionary, c0: number, c1: number, drafts: Draft[]): void {
  const doc = ctx.doc;
  for (let c = c0; c < c1; c++) {
    const ch = doc.chunks[c];
    if (ch.kind !== 'NP') continue;
    const head = doc.tokens[ch.head];
    if (!nouns.byHead.has(head.lemma)) continue;
    const cl = ctx.clauses.find((x) => ch.start >= x.start && ch.start < x.end);
    if (!cl || cl.kind === 'conditional') continue;
    if (cl.verb !== null && doc.verbs[cl.verb].negated) continue;
    // no coded source, no event: the source (below) is looked for after the match, but whether one can be
    // found is known before it (only the target's chunk is later left out of the "by" phrases), and most
    // nominal heads have none, so their patterns are not matched at all
    if (!maySource(ctx, c, c1, cl.end)) continue;
    const isActor = (x: number) => doc.chunks[x].mention !== undefined;
    const m = matchPatterns(doc, nouns, head.lemma, ch.head + 1, cl.end, ctx.chunkStart, isActor);
    if (!m || !m.pattern.code || m.targetChunk === null) continue;
    const tm = doc.chunks[m.targetChunk].mention;
    if (tm === undefined) continue;
    let target = doc.mentions[tm];
    // "a Russian attack on Avdiivka": a place struck stands for its country
    if (!target.code && PLACE_TARGET.test(m.pattern.code)) {
      const tc = doc.chunks[m.targetChunk];
      target = placeTarget(ctx, tc.prep ?? tc.start, tc.end) ?? target;
    }
    let source: ActorMention | null = null;
    // the NP's own actor before the head: "Russia's invasion", "the Turkish offensive"
    if (ch.mention !== undefined) {
      const own = doc.mentions[ch.mention];
      if (own.end <= ch.head && own.kind !== 'agent') source = own;
    }
    if (!source) {
      // "an attack on X by Y", "an attack by Y on X"
      for (let n = c + 1; n < c1; n++) {
        if (n === m.targetChunk) continue;
        const nc = doc.chunks[n];
        if (nc.kind !== 'NP' || nc.start >= cl.end) break;
        if (nc.prep !== undefined && doc.tokens[nc.prep].lower === 'by' && nc.mention !== undefined) { source = doc.mentions[nc.mention]; break; }
      }
    }
    if (!source || !source.code || source === target || source.code === target.code) continue;
    // the clause already coded this noun phrase as its own event, by the same actor ("workers continued
    // their strike against the government" is the strike, not a military strike)
    const covered = drafts.some((d) => d.sent === ctx.sent && d.clause === cl.i && d.from <= ch.head && ch.head < d.to && d.source.code === source!.code);
    if (covered) continue;
    // (fields in pushPairs' order: drafts of one layout keep the reads in dedupe and finish monomorphic)
    drafts.push({
      sent: ctx.sent, clause: cl.i, from: Math.min(ch.start, source.start), to: Math.max(doc.chunks[m.targetChunk].end, source.end),
      negated: false, conditional: false, quote: false, speaker: null,
      confidence: 0.6, pattern: m.pattern.text, patternOrigin: m.pattern.origin, rules: ['nominal event'],
      code: m.pattern.code, source, target,
    });
  }
}

/**
 * Can nominalEvents find a coded source for NP c? Its own actor before the head, or else some "by" phrase
 * among the NPs after it in the clause with a coded actor (a superset of the one nominalEvents takes, which
 * also skips the target's chunk).
 */
function maySource(ctx: SentenceCtx, c: number, c1: number, clauseEnd: number): boolean {
  const doc = ctx.doc;
  const ch = doc.chunks[c];
  if (ch.mention !== undefined) {
    const own = doc.mentions[ch.mention];
    if (own.end <= ch.head && own.kind !== 'agent') return !!own.code;
  }
  for (let n = c + 1; n < c1; n++) {
    const nc = doc.chunks[n];
    if (nc.kind !== 'NP' || nc.start >= clauseEnd) break;
    if (nc.prep !== undefined && nc.mention !== undefined && doc.tokens[nc.prep].lower === 'by' && doc.mentions[nc.mention].code) return true;
  }
  return false;
}

/**
 * "Iranian-backed militias", "the UN-backed government": the backer supports the actor (051, as "backed by
 * Iran" is coded). One event per backed mention in the sentence, evidence from the backer to the actor.
 */
export function backingEvents(ctx: SentenceCtx, backed: readonly ActorMention[], drafts: Draft[]): void {
  const doc = ctx.doc;
  const { first, last } = doc.sentences[ctx.sent];
  for (const m of backed) {
    if (!m.backedBy || !m.backedByAt || !m.code || m.start < first || m.end > last || m.kind === 'pronoun') continue;
    if (m.backedBy === m.code) continue;
    const cl = ctx.clauses.find((x) => m.start >= x.start && m.start < x.end);
    if (!cl) continue;
    const at = m.backedByAt;
    const country = m.backedBy.length >= 3 && /^[A-Z]{3}$/.test(m.backedBy.slice(0, 3)) ? m.backedBy.slice(0, 3) : null;
    const backer: ActorMention = newMention({
      start: at.start, end: at.end, text: doc.spanText(at.start, at.end).replace(/[-‐‑]\p{L}+$/u, ''), code: m.backedBy, country, sector: null, name: null,
      kind: m.backedBy.startsWith('IGO') || m.backedBy.startsWith('NGO') ? 'igo' : 'country', entries: [`backer of '${m.text}'`],
      confidence: Math.min(0.7, m.confidence), locative: false, agents: [],
    });
    drafts.push({
      sent: ctx.sent, clause: cl.i, from: Math.min(at.start, m.start), to: Math.max(at.end, m.end),
      negated: false, conditional: false, quote: false, speaker: null,
      confidence: 0.4, pattern: 'X-backed *', patternOrigin: 'grammar', rules: [`'${backer.text}-backed': the backer supports the actor (051)`],
      code: '051', source: backer, target: m,
    });
  }
}
