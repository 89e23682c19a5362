import type { ActorMention } from '../core/doc.js';
import { clauseSubject } from '../nlp/clauses.js';
import type { VerbDictionary } from './dictionary.js';
import type { Draft } from './build.js';
import { intentCode, threatCode, refuseCode, appealCode, demandCode, isReciprocal, INTENT_VERBS, THREAT_VERBS, REFUSE_VERBS, ASPECT_VERBS, APPEAL_VERBS, DEMAND_VERBS } from './compose.js';
import { mentionOf, childClauses, blocked, speakerOf, isQuoted, type SentenceCtx } from './context.js';
import { codeVerb, byAgent, isReducedPassive, hasTargetNoun } from './targets.js';
import { pushPairs } from './emit.js';

export function codeSentence(ctx: SentenceCtx, verbs: VerbDictionary, drafts: Draft[]): void {
  const doc = ctx.doc;
  const consumed = new Set<number>();
  for (const cl of ctx.clauses) {
    if (cl.verb === null || consumed.has(cl.i) || cl.i === ctx.attributionClause) continue;
    const vg = doc.verbs[cl.verb];
    if (vg.infinitive) continue; // only coded through the verb that governs it
    const why = blocked(ctx, cl);
    if (why) continue;
    const rules: string[] = [];
    let coded = codeVerb(ctx, cl, verbs);
    let code = coded?.code ?? null;
    let negated = vg.negated;
    let conditional = childClauses(ctx, cl.i, 'conditional').length > 0;
    // control verbs: "pledged to send", "threatened to attack", "refused to meet", "began shelling"
    const inf = childClauses(ctx, cl.i, 'infinitival')[0];
    const lemma = vg.lemma;
    if (inf && APPEAL_VERBS.has(lemma) && coded && code && (code === '020' || code === '100')) {
      // "urged Qatar to accept a ceasefire": the appeal takes its kind from what is asked for
      const inner = codeVerb(ctx, inf, verbs);
      consumed.add(inf.i);
      if (inner && inner.code) {
        const composed = code === '100' ? demandCode(inner.code) : appealCode(inner.code);
        rules.push(`appeal verb '${lemma}' + '${doc.verbs[inf.verb!].lemma}' (${inner.code}) → ${composed}`);
        code = composed;
      }
    } else if (inf && (INTENT_VERBS.has(lemma) || THREAT_VERBS.has(lemma) || REFUSE_VERBS.has(lemma) || ASPECT_VERBS.has(lemma))) {
      const inner = codeVerb(ctx, inf, verbs);
      consumed.add(inf.i);
      if (inner && inner.code) {
        const c = inner.code;
        const composed = ASPECT_VERBS.has(lemma) ? c : THREAT_VERBS.has(lemma) ? threatCode(c) : REFUSE_VERBS.has(lemma) ? refuseCode(c) : intentCode(c);
        if (composed) {
          rules.push(`control verb '${lemma}' + '${doc.verbs[inf.verb!].lemma}' (${c}) → ${composed}`);
          coded = inner;
          code = composed;
          negated = negated || doc.verbs[inf.verb!].negated;
          conditional = conditional || childClauses(ctx, inf.i, 'conditional').length > 0;
        }
      }
    }
    // "Ukraine demanded that Russia withdraw its forces": a demand on the complement's subject
    const comp = childClauses(ctx, cl.i, 'complement')[0];
    if (comp && comp.verb !== null && (DEMAND_VERBS.has(lemma) || APPEAL_VERBS.has(lemma)) && (!coded || !coded.targets.length)) {
      const inner = codeVerb(ctx, comp, verbs);
      const compSubj = clauseSubject(doc, comp.i).map((c) => mentionOf(doc, c)).filter((m): m is ActorMention => !!m);
      if (compSubj.length) {
        const c = inner?.code ?? null;
        const composed = DEMAND_VERBS.has(lemma) ? (c ? demandCode(c) : '100') : (c ? appealCode(c) : '020');
        rules.push(`${DEMAND_VERBS.has(lemma) ? 'demand' : 'appeal'} with a complement: target = its subject${c ? `, '${doc.verbs[comp.verb].lemma}' (${c}) → ${composed}` : ''}`);
        const src = clauseSubject(doc, cl.i).map((x) => mentionOf(doc, x)).filter((m): m is ActorMention => !!m);
        pushPairs(drafts, ctx, cl, src, compSubj, composed, null, {
          negated: vg.negated, conditional, quote: false, speaker: null, pattern: `${lemma} that *`, origin: 'grammar', rules,
        });
        continue;
      }
    }
    const speaker = speakerOf(ctx, cl);
    const subjectChunks = clauseSubject(doc, cl.i);
    let sources = subjectChunks.map((c) => mentionOf(doc, c)).filter((m): m is ActorMention => !!m);
    let targets = (coded?.targets ?? []).map((c) => mentionOf(doc, c)).filter((m): m is ActorMention => !!m);

    // "Haftar's forces would be a legitimate target (if ...)": a threat by the speaker against the subject
    if (lemma === 'be' && speaker && hasTargetNoun(ctx, cl)) {
      rules.push('designated-target: "X will be a (legitimate) target" under a speaker → 138 threat by the speaker');
      pushPairs(drafts, ctx, cl, [speaker], sources, '138', null, {
        negated, conditional, quote: true, speaker: speaker.name ?? speaker.text, pattern: 'be * target', origin: 'grammar', rules,
      });
      continue;
    }
    if (!coded || !code) continue;
    // passive voice: "X was repelled by Y" → Y is the source
    const passive = vg.passive || (cl.kind === 'participial' && isReducedPassive(ctx, cl));
    if (passive) {
      const by = byAgent(ctx, cl);
      rules.push('passive voice: the "by" phrase is the source, the subject the target');
      // the target came from matching over the subject (vg.passive); a reduced relative's is its antecedent
      if (!vg.passive) targets = sources;
      sources = by;
    }
    // modality: "will/would" → intent (or threat for hostile acts); "may/might/could" → speculation, no event
    if (vg.modal && !rules.some((r) => r.startsWith('control verb'))) {
      if (vg.modal === 'will' || vg.modal === 'would' || vg.modal === 'shall') {
        const ic = intentCode(code);
        if (!ic) continue;
        rules.push(`modal '${vg.modal}' + ${code} → ${ic}`);
        code = ic;
      } else continue;
    }
    // a threat with no object takes its target from the conditional: "will retaliate if Pyongyang launches"
    if (!targets.length && code.startsWith('13')) {
      const cond = childClauses(ctx, cl.i, 'conditional')[0];
      if (cond) {
        targets = clauseSubject(doc, cond.i).map((c) => mentionOf(doc, c)).filter((m): m is ActorMention => !!m);
        if (targets.length) rules.push('threat target from the conditional clause subject');
      }
    }
    if (negated) rules.push('negated verb group');
    const quote = !!speaker || isQuoted(ctx, cl);
    if (speaker) rules.push(`reported speech: speaker '${speaker.text}'`);
    // joint subjects without a target: "Egypt and Greece signed a deal" → both directions
    if (!targets.length && sources.length > 1 && isReciprocal(code)) {
      rules.push('reciprocal: joint subject acts on each other');
      for (const a of sources) for (const b of sources) if (a !== b) {
        pushPairs(drafts, ctx, cl, [a], [b], code, null, { negated, conditional, quote, speaker: speaker?.name ?? speaker?.text ?? null, pattern: coded.match.pattern.text, origin: coded.match.pattern.origin, rules });
      }
      continue;
    }
    pushPairs(drafts, ctx, cl, sources, targets, code, passive ? null : coded.match.pattern.reverse, {
      negated, conditional, quote, speaker: speaker?.name ?? speaker?.text ?? null,
      pattern: coded.match.pattern.text, origin: coded.match.pattern.origin, rules,
    });
  }
}
