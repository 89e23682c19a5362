import type { ActorMention, Clause } from '../core/doc.js';
import { newMention } from '../core/doc.js';
import { clauseSubject } from '../nlp/clauses.js';
import { SPEECH_VERBS } from '../nlp/lexicon.js';
import type { VerbDictionary } from './dictionary.js';
import type { Draft } from './build.js';
import { isHostile, intentCode, threatCode, refuseCode, appealCode, demandCode, isReciprocal, INTENT_VERBS, THREAT_VERBS, REFUSE_VERBS, ASPECT_VERBS, APPEAL_VERBS, DEMAND_VERBS, INTENT_ADJECTIVES, LIGHT_VERBS, RAISING_VERBS } from './compose.js';
import { matchPatterns } from './match.js';
import { mentionOf, mentionsOf, firstChild, blocked, speakerOf, isQuoted, sameActor, type SentenceCtx } from './context.js';
import { codeVerb, verbHasPatterns, byAgent, isReducedPassive, hasTargetNoun, type Coded } from './targets.js';
import { pushPairs } from './emit.js';

/**
 * Code the clauses of one sentence: the verb's own pattern, composed with what governs it — control verbs
 * ("pledged to send" → intent, "threatened to attack" → threat, "refused to meet" → rejection, "urged X to
 * release" → appeal), demands with complements, modals, negation, passive voice, reported speech,
 * light verbs carrying a nominal event ("launched an offensive against"), and joint subjects.
 */
export function codeSentence(ctx: SentenceCtx, verbs: VerbDictionary, nouns: VerbDictionary, drafts: Draft[]): void {
  const doc = ctx.doc;
  // clauses coded through another (a handful per sentence at most: an array, not a Set per sentence)
  const consumed: number[] = [];
  // each coded clause's targets, made for the first one (most sentences code none)
  let targetsOf: Map<number, ActorMention[]> | null = null;
  verbalProtestAttribution(ctx, drafts);
  for (const cl of ctx.clauses) {
    // a trailing attribution (", officials said") is coded only by the literal grammar, as PETRARCH does
    if (cl.verb === null || consumed.includes(cl.i) || (cl.i === ctx.attributionClause && !ctx.literal)) continue;
    const vg = doc.verbs[cl.verb];
    if (vg.infinitive) continue; // only coded through the verb that governs it
    // the skip test below, asked before any of the clause's setup for the verbs it surely skips: a verb whose
    // heads have no pattern (codeVerb gives it no event) and that no rule names; its `lemma` there is its own
    // unless it is 'be' (a rule names it) or passive
    if (!vg.passive && !COMPOSING.has(vg.lemma) && !verbHasPatterns(doc, vg, verbs)) continue;
    const why = ctx.literal ? null : blocked(ctx, cl);
    if (why) continue;
    const rules: string[] = [];
    const subjectChunks = clauseSubject(doc, cl.i);
    // the subject's coded actors, gathered when codeVerb first asks about a target
    let own: ActorMention[] | null = null;
    const notTarget = vg.passive ? undefined : (m: ActorMention) => (own ??= mentionsOf(doc, subjectChunks, true)).some((s) => sameActor(s, m));
    let coded = codeVerb(ctx, cl, verbs, notTarget);
    let code = coded?.code ?? null;
    // control verbs: "pledged to send", "threatened to attack", "refused to meet", "began shelling";
    // a purpose infinitive after an object ("began a hunger strike to demand") is not controlled
    const vEnd = doc.chunks[vg.chunk].end;
    const adj = doc.tokens[vEnd];
    // "is prepared / committed / set to": the tagger may take the adjective as a passive participle
    const intentParticiple = vg.passive && INTENT_ADJECTIVES.has(doc.tokens[vg.head].lower);
    const intentAdj = (vg.lemma === 'be' && !!adj && INTENT_ADJECTIVES.has(adj.lower)) || intentParticiple;
    // "is about to restore ties": the imminent action itself
    const aboutTo = vg.lemma === 'be' && !!adj && adj.lower === 'about';
    // "was seen / is said to break into": the subject did what the infinitive says (reported, not intended)
    const raised = vg.passive && RAISING_VERBS.has(vg.lemma) && !intentParticiple;
    const lemma = intentAdj ? 'intend' : aboutTo || raised ? 'begin' : vg.lemma;
    // a verb with no event of its own ends at `if (!coded || !code) continue` below unless a rule on the way
    // gives it one or emits for it, and every such rule names its verb (control, complement, speech, demand,
    // appeal and light verbs, 'be', 'pay', 'protest'): for any other verb that work is skipped
    if ((!coded || !code) && !COMPOSING.has(lemma) && !COMPOSING.has(vg.lemma)) continue;
    let negated = ctx.literal ? false : vg.negated;
    // "Neither Egypt nor Jordan condemned Israel": a negated joint subject
    const subj0 = subjectChunks[0];
    if (!ctx.literal && !negated && subj0 !== undefined && (doc.tokens[doc.chunks[subj0].start].lower === 'neither' || doc.tokens[doc.chunks[subj0].start - 1]?.lower === 'neither')) {
      negated = true;
      rules.push("'neither … nor' subject: negated");
    }
    let conditional = conditionBelow(ctx, cl.i);
    const inf0 = firstChild(ctx, cl.i, 'infinitival');
    // only adverbials ("on Monday", "again") may stand between the verb and its controlled infinitive
    const objectBetween = !!inf0 && hasObjectBetween(ctx, vEnd + (intentAdj || aboutTo ? 1 : 0), inf0.start);
    const inf = inf0 && (!objectBetween || APPEAL_VERBS.has(lemma)) ? inf0 : undefined;
    if (intentAdj && inf) rules.push(`'be ${intentParticiple ? doc.tokens[vg.head].lower : adj.lower} to' is an intent`);
    if (raised && inf) rules.push(`raising passive '${doc.tokens[vg.head].lower} to': the subject's own action`);
    if (inf && APPEAL_VERBS.has(lemma) && coded && code && (code === '020' || code === '100')) {
      // "urged Qatar to accept a ceasefire": the appeal takes its kind from what is asked for
      const inner = codeVerb(ctx, inf, verbs);
      consumed.push(inf.i);
      if (inner && inner.code) {
        // "urged Turkey to stop sending weapons": asking to cease is a generic appeal or demand
        const ceased = doc.verbs[inf.verb!].negated;
        const composed = ceased ? code : code === '100' ? demandCode(inner.code) : appealCode(inner.code);
        rules.push(`appeal verb '${lemma}' + '${doc.verbs[inf.verb!].lemma}' (${inner.code}) → ${composed}`);
        code = composed;
      }
    } else if (inf && (INTENT_VERBS.has(lemma) || THREAT_VERBS.has(lemma) || REFUSE_VERBS.has(lemma) || ASPECT_VERBS.has(lemma))) {
      const inner = codeVerb(ctx, inf, verbs);
      consumed.push(inf.i);
      if (inner && inner.code) {
        const c = inner.code;
        const innerNeg = doc.verbs[inf.verb!].negated;
        // "will not / promised not to accept refugees": a negated intent to cooperate is a rejection
        const refusal = INTENT_VERBS.has(lemma) && (negated || innerNeg) && Number(c.slice(0, 2)) <= 8;
        // "failed to reach agreement" is a rejection of cooperation; "failed to capture" is no event
        const failed = lemma === 'fail' && Number(c.slice(0, 2)) > 8;
        const composed = failed ? null : refusal ? refuseCode(c) : ASPECT_VERBS.has(lemma) ? c : THREAT_VERBS.has(lemma) ? threatCode(c) : REFUSE_VERBS.has(lemma) ? refuseCode(c) : intentCode(c);
        if (failed) { consumed.push(inf.i); continue; }
        if (composed) {
          rules.push(`control verb '${lemma}' + '${doc.verbs[inf.verb!].lemma}' (${c}) → ${composed}${refusal ? ' (negated intent = rejection)' : ''}`);
          coded = inner;
          code = composed;
          negated = refusal ? false : negated || innerNeg;
          conditional = conditional || firstChild(ctx, inf.i, 'conditional') !== undefined;
        }
      }
    }
    const comp = firstChild(ctx, cl.i, 'complement');
    // "agreed / promised that their countries would cooperate": an intent with the complement's action
    if (comp && comp.verb !== null && INTENT_VERBS.has(lemma) && (!coded || !code)) {
      const inner = codeVerb(ctx, comp, verbs);
      const cv = doc.verbs[comp.verb];
      const ic = inner?.code && cv.modal ? intentCode(inner.code) : null;
      if (inner && ic) {
        rules.push(`'${lemma} that' + '${cv.lemma}' (${inner.code}) with modal '${cv.modal}' → ${ic}`);
        coded = inner;
        code = ic;
        consumed.push(comp.i);
      }
    }
    // "declared that China must drop barriers": a speaker saying another actor must act makes a demand
    if (comp && comp.verb !== null && SPEECH_VERBS.has(lemma) && !INTENT_VERBS.has(lemma) && ['must', 'should'].includes(doc.verbs[comp.verb].modal ?? '') && !doc.verbs[comp.verb].negated) {
      const inner = codeVerb(ctx, comp, verbs);
      const compSubj = mentionsOf(doc, clauseSubject(doc, comp.i), true);
      const src = mentionsOf(doc, subjectChunks);
      if (compSubj.length && src.length && !compSubj.some((t) => src.some((x) => x.code === t.code))) {
        const composed = inner?.code ? demandCode(inner.code) : '100';
        rules.push(`'${lemma} that X ${doc.verbs[comp.verb].modal} …' is a demand${inner?.code ? `: '${doc.verbs[comp.verb].lemma}' (${inner.code}) → ${composed}` : ''}`);
        consumed.push(comp.i);
        pushPairs(drafts, ctx, cl, src, compSubj, composed, null, { negated: vg.negated, conditional, quote: false, speaker: null, pattern: `${lemma} that * ${doc.verbs[comp.verb].modal}`, origin: 'grammar', rules, consumed });
        continue;
      }
    }
    // "Amnesty protested that the police had tortured detainees": a verbal protest, not a demonstration
    if (comp && comp.verb !== null && vg.lemma === 'protest' && !vg.negated) {
      const compSubj = mentionsOf(doc, clauseSubject(doc, comp.i), true);
      const src = mentionsOf(doc, subjectChunks);
      rules.push("'protest that …' is a verbal protest: 111 against the complement's subject");
      pushPairs(drafts, ctx, cl, src, compSubj, '111', null, { negated: false, conditional, quote: false, speaker: null, pattern: 'protest that *', origin: 'grammar', rules, consumed });
      continue;
    }
    // "Ukraine demanded that Russia withdraw its forces": a demand on the complement's subject
    // (an indicative past, "insisted that the release was near", is a claim, not a demand)
    if (comp && comp.verb !== null && (DEMAND_VERBS.has(lemma) || APPEAL_VERBS.has(lemma)) && (!coded || !coded.targets.length) && (doc.verbs[comp.verb].tense !== 'past' || !!doc.verbs[comp.verb].modal)) {
      const inner = codeVerb(ctx, comp, verbs);
      const compSubj = mentionsOf(doc, clauseSubject(doc, comp.i));
      if (compSubj.length) {
        const c = inner?.code ?? null;
        const composed = DEMAND_VERBS.has(lemma) ? (c ? demandCode(c) : '100') : (c ? appealCode(c) : '020');
        rules.push(`${DEMAND_VERBS.has(lemma) ? 'demand' : 'appeal'} with a complement: target = its subject${c ? `, '${doc.verbs[comp.verb].lemma}' (${c}) → ${composed}` : ''}`);
        const src = mentionsOf(doc, subjectChunks);
        consumed.push(comp.i); // the demanded clause is part of the evidence, never an event of its own
        pushPairs(drafts, ctx, cl, src, compSubj, composed, null, {
          negated: vg.negated, conditional, quote: false, speaker: null, pattern: `${lemma} that *`, origin: 'grammar', rules, consumed,
        });
        continue;
      }
    }
    const speaker = speakerOf(ctx, cl);
    let sources = appositionSource(ctx, subjectChunks) ?? mentionsOf(doc, subjectChunks);
    let targets = withAlso(ctx, mentionsOf(doc, coded?.targets ?? []));
    sources = withAlso(ctx, sources);
    // PETRARCH/TABARI: a conjunct that names neither an actor nor an agent is no source ("Lions, tigers and Gondor")
    if (ctx.literal) sources = sources.filter((m) => m.code || m.sector);
    if (coded?.placeTargets) { targets = coded.placeTargets; rules.push(`target is the country of the place '${targets[0].text}'`); }

    // "Haftar's forces would be a legitimate target (if ...)": a threat by the speaker against the subject
    if (lemma === 'be' && speaker && hasTargetNoun(ctx, cl)) {
      rules.push('designated-target: "X will be a (legitimate) target" under a speaker → 138 threat by the speaker');
      pushPairs(drafts, ctx, cl, [speaker], sources, '138', null, {
        negated, conditional, quote: true, speaker: speaker.name ?? speaker.text, pattern: 'be * target', origin: 'grammar', rules,
      });
      continue;
    }
    // "Iran will pay a heavy price for this attack," the minister said: a threat by the speaker
    if (vg.lemma === 'pay' && speaker && (vg.modal === 'will' || vg.modal === 'would' || vg.modal === 'shall') && hasTargetNoun(ctx, cl, 'price') && !sources.some((x) => sameActor(x, speaker))) {
      rules.push('"X will pay a (heavy) price" under a speaker → 130 threat by the speaker');
      pushPairs(drafts, ctx, cl, [speaker], sources, '130', null, {
        negated, conditional, quote: true, speaker: speaker.name ?? speaker.text, pattern: 'will pay * price', origin: 'grammar', rules,
      });
      continue;
    }
    // light verb + nominal event: "launched an offensive against the rebels", "held talks with Russia"
    if ((!coded || !code) && LIGHT_VERBS.has(vg.lemma)) {
      const nominal = lightVerbNominal(ctx, cl, nouns);
      if (nominal) {
        rules.push(`light verb '${vg.lemma}' + nominal '${nominal.head}' (${nominal.code})`);
        coded = nominal.coded;
        code = nominal.code;
        targets = nominal.targets;
      }
    }
    if (!coded || !code) continue;
    // passive voice: "X was repelled by Y" → Y is the source
    const passive = (vg.passive && !intentParticiple && !(raised && inf)) || (cl.kind === 'participial' && isReducedPassive(ctx, cl));
    if (passive) {
      const by = byAgent(ctx, cl);
      rules.push('passive voice: the "by" phrase is the source, the subject the target');
      // the target came from matching over the subject (vg.passive); a reduced relative's is its antecedent
      if (!vg.passive) targets = sources;
      sources = by;
    }
    // modality: "will/would" → intent (or threat for hostile acts); "may/might/could" → speculation, no event
    if (vg.modal && !ctx.literal && !rules.some((r) => r.startsWith('control verb'))) {
      // "may halt mediation if ..." is a conditional threat, not speculation
      const firm = vg.modal === 'will' || vg.modal === 'would' || vg.modal === 'shall' || (conditional && ['may', 'might', 'could'].includes(vg.modal));
      if (!firm) continue;
      if (negated && Number(code.slice(0, 2)) <= 8 && Number(code.slice(0, 2)) >= 3) {
        // "will not accept any more refugees": a refusal
        const rc = refuseCode(code);
        rules.push(`negated modal '${vg.modal}' + ${code} → ${rc} (refusal)`);
        code = rc;
        negated = false;
      } else {
        const ic = intentCode(code);
        if (!ic) continue;
        rules.push(`modal '${vg.modal}' + ${code} → ${ic}`);
        code = ic;
      }
    }
    // a threat with no object takes its target from the conditional: "will retaliate if Pyongyang launches"
    if (!targets.length && code.startsWith('13')) {
      const cond = firstChild(ctx, cl.i, 'conditional');
      if (cond) {
        targets = mentionsOf(doc, clauseSubject(doc, cond.i));
        if (targets.length) rules.push('threat target from the conditional clause subject');
      }
    }
    // "Ukrainian drones struck a refinery": a generic attack made by aircraft or missiles is an aerial one
    if (code === '190' && !passive && subjectChunks.some((c) => AERIAL.has(doc.tokens[doc.chunks[c].head].lemma))) {
      rules.push('attack by aircraft, drones or missiles → 195 (employ aerial weapons)');
      code = '195';
    }
    if (negated) rules.push('negated verb group');
    const quote = !!speaker || isQuoted(ctx, cl);
    if (speaker) rules.push(`reported speech: speaker '${speaker.text}'`);
    const forces = jointOrOwnForces(ctx, cl, code, coded.match.pattern.text, sources, targets, rules);
    code = forces.code;
    targets = forces.targets;
    // joint subjects without a target: "Egypt and Greece signed a deal" → both directions
    // a '%' pattern: the event is between the subject's actors ("A and B have postponed their meeting")
    const between = coded.match.pattern.pre.some((e) => e.kind === 'compound');
    if (between && sources.length > 1) targets = [];
    // (a hostile act with an unresolved object — "attacked the refugees" — is not one against each other)
    if (!targets.some((t) => t.code) && sources.length > 1 && (between || (isReciprocal(code) && (!isHostile(code) || !targets.length)))) {
      rules.push('reciprocal: joint subject acts on each other');
      for (const a of sources) for (const b of sources) if (a !== b) {
        pushPairs(drafts, ctx, cl, [a], [b], code, null, { negated, conditional, quote, speaker: speaker?.name ?? speaker?.text ?? null, pattern: coded.match.pattern.text, origin: coded.match.pattern.origin, rules, consumed });
      }
      continue;
    }
    // no actor as source ("A roadside bombing killed a soldier", a passive without agent): kept as an
    // unresolved source, which only --partial prints
    if (!sources.length) {
      // PETRARCH/TABARI code no event without a source actor
      if (ctx.literal) continue;
      sources = [unresolvedSource(ctx, subjectChunks)];
      rules.push('source not named: unresolved (printed with --partial only)');
    }
    targets = victimsCountry(ctx, cl, targets, targetsOf, rules);
    (targetsOf ??= new Map()).set(cl.i, targets);
    // the paired code belongs to the act itself: "will visit" (036) has no host yet
    pushPairs(drafts, ctx, cl, sources, targets, code, passive || code !== coded.code ? null : coded.match.pattern.reverse, {
      consumed,
      negated, conditional, quote, speaker: speaker?.name ?? speaker?.text ?? null,
      pattern: coded.match.pattern.text, origin: coded.match.pattern.origin, rules,
    });
  }
}

/** every lemma a rule of codeSentence composes or emits for (see its skip test), as `lemma` or `vg.lemma` */
const COMPOSING = new Set<string>([
  ...INTENT_VERBS, ...THREAT_VERBS, ...REFUSE_VERBS, ...ASPECT_VERBS, ...APPEAL_VERBS, ...DEMAND_VERBS, ...SPEECH_VERBS, ...LIGHT_VERBS,
  'be', 'pay', 'protest',
]);

const AERIAL = new Set(['drone', 'missile', 'warplane', 'jet', 'aircraft', 'plane', 'helicopter', 'airplane', 'uav', 'gunship', 'fighter-jet']);

const GUESSED_COUNTRY = /^country from (the dateline|the article's only country)/;

/**
 * "Russian forces shelled Kharkiv, killing five civilians": the people a participle's action falls on are of
 * the country its main clause struck, when their own country was only guessed from the dateline or article.
 */
function victimsCountry(ctx: SentenceCtx, cl: Clause, targets: ActorMention[], targetsOf: Map<number, ActorMention[]> | null, rules: string[]): ActorMention[] {
  if (cl.kind !== 'participial' || cl.subject.length || cl.subjectFrom === null || cl.parent === null) return targets;
  const struck = (targetsOf?.get(cl.parent) ?? []).find((t) => t.country);
  if (!struck) return targets;
  return targets.map((t) => {
    if (t.kind !== 'agent' || !t.sector || !t.entries.some((e) => GUESSED_COUNTRY.test(e)) || t.country === struck.country) return t;
    rules.push(`'${t.text}' are of the country the main clause struck (${struck.country}), not the guessed ${t.country}`);
    return { ...t, country: struck.country, code: struck.country + t.sector, entries: [...t.entries, `country of '${struck.text}', struck by the main clause`] };
  });
}

/** mentions plus the same agent of the countries coordinated with them ("lawmakers in A and B") */
function withAlso(ctx: SentenceCtx, ms: ActorMention[]): ActorMention[] {
  if (!ms.some((m) => m.also)) return ms;
  const out: ActorMention[] = [];
  for (const m of ms) {
    out.push(m);
    for (const i of m.also ?? []) if (!ms.includes(ctx.doc.mentions[i])) out.push(ctx.doc.mentions[i]);
  }
  return out;
}

/**
 * Military exercises and training, by whose forces. PLOVER 2.0 manual (MOBILIZE, potential ambiguities):
 * "Joint military operations are coded as COOPERATE but single-country exercises should be coded as
 * MOBILIZE". So exercises (150) held by a joint subject of two countries, or called "joint", are military
 * cooperation (062, reciprocal); and training (062 "trained Ukrainian troops") with no other country's forces
 * as its object ("Iran has trained hundreds of drone operators") is building up one's own forces (154).
 */
function jointOrOwnForces(ctx: SentenceCtx, cl: Clause, code: string, pattern: string, sources: ActorMention[], targets: ActorMention[], rules: string[]): { code: string; targets: ActorMention[] } {
  const doc = ctx.doc;
  if (code === '150' && /&EXERCISE\b/.test(pattern)) {
    const countries = new Set(sources.map((s) => s.country).filter((c): c is string => !!c));
    const joint = doc.tokens.slice(cl.start, cl.end).some((t) => t.lower === 'joint');
    if (countries.size > 1) {
      // the partners are the joint subject (reciprocal); a place ("in the Sea of Japan") is not a partner
      rules.push('exercise by forces of more than one country: joint military operation → 062 (PLOVER COOPERATE)');
      return { code: '062', targets: [] };
    }
    if (joint && targets.some((t) => t.code && !t.locative)) {
      rules.push("'joint' exercise with a partner: military cooperation → 062 (PLOVER COOPERATE)");
      return { code: '062', targets: targets.filter((t) => !t.locative) };
    }
  }
  if (code === '062' && pattern.trim() === 'train') {
    const own = new Set(sources.map((s) => s.country));
    if (!targets.some((t) => t.country && !own.has(t.country))) {
      rules.push("training one's own or unnamed forces → 154 (mobilize)");
      return { code: '154', targets };
    }
  }
  return { code, targets };
}

/**
 * "…, a human rights group protested.": protest as the trailing attribution is a verbal protest (111,
 * criticize or denounce) by the speaker against the subject of the sentence's first clause. The reported
 * clause itself is coded as usual.
 */
function verbalProtestAttribution(ctx: SentenceCtx, drafts: Draft[]): void {
  const doc = ctx.doc;
  if (ctx.attributionClause === null || !ctx.attribution) return;
  const acl = doc.clauses[ctx.attributionClause];
  if (acl.verb === null || doc.verbs[acl.verb].lemma !== 'protest' || doc.verbs[acl.verb].negated) return;
  const first = ctx.clauses.find((c) => c.i !== acl.i && c.verb !== null);
  if (!first) return;
  const targets = mentionsOf(doc, clauseSubject(doc, first.i), true);
  pushPairs(drafts, ctx, acl, [ctx.attribution], targets, '111', null, {
    negated: false, conditional: false, quote: false, speaker: null, pattern: '…, X protested', origin: 'grammar',
    rules: ["trailing 'X protested' is a verbal protest: 111 against the reported clause's subject"], consumed: [],
  });
}

const PARTICLES = new Set(['up', 'down', 'off', 'out']);

/** the object NP of a light verb, coded through the noun patterns: source = the clause subject */
function lightVerbNominal(ctx: SentenceCtx, cl: Clause, nouns: VerbDictionary): { head: string; code: string; coded: Coded; targets: ActorMention[] } | null {
  const doc = ctx.doc;
  const vch = doc.chunks[doc.verbs[cl.verb!].chunk];
  for (let k = vch.end; k < cl.end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c === undefined) continue;
    const ch = doc.chunks[c];
    if (ch.kind !== 'NP') return null;
    // "speeded up the withdrawal": a particle right after the verb, attached to the object NP
    const particle = ch.prep !== undefined && ch.prep === vch.end && PARTICLES.has(doc.tokens[ch.prep].lower);
    if (ch.prep !== undefined && !particle) continue; // "stepped up" particles and PPs before the object
    const head = doc.tokens[ch.head].lemma;
    const isActor = (x: number) => mentionOf(doc, x) !== null;
    const m = matchPatterns(doc, nouns, head, ch.head + 1, cl.end, ctx.chunkStart, isActor);
    if (!m || !m.pattern.code) return null;
    const targets = m.targetChunk !== null && isActor(m.targetChunk) ? [mentionOf(doc, m.targetChunk)!] : [];
    return { head, code: m.pattern.code, coded: { match: m, code: m.pattern.code, targets: m.targetChunk !== null ? [m.targetChunk] : [] }, targets };
  }
  return null;
}

/**
 * "Hulusi Akar, Turkey's defence minister, said": two subject NPs set off by commas are one actor. The named
 * entry wins when it resolves (its dated code); otherwise the appositive's title gives the code and the
 * name its label ("Wang Yi, China's foreign minister" → CHNGOV, name Wang Yi).
 */
function appositionSource(ctx: SentenceCtx, subj: number[]): ActorMention[] | null {
  const doc = ctx.doc;
  let pair = subj;
  // "The president of Egypt, Abdel Fattah al-Sisi, visited": the subject NP follows a comma and an NP
  // (with its "of" phrase, which shares the head's actor)
  if (subj.length === 1 && subj[0] > 0 && doc.tokens[doc.chunks[subj[0]].start - 1]?.text === ',') {
    const prev = doc.chunks[subj[0] - 1];
    if (prev.kind === 'NP' && prev.end === doc.chunks[subj[0]].start - 1 && prev.sent === doc.chunks[subj[0]].sent) pair = [subj[0] - 1, subj[0]];
  }
  if (pair.length !== 2) return null;
  const [a, b] = pair.map((c) => doc.chunks[c]);
  const between = doc.tokens.slice(a.end, b.start);
  if (between.length !== 1 || between[0].text !== ',' || doc.tokens[b.end]?.text !== ',') return null;
  const ma = mentionOf(doc, pair[0]);
  const mb = mentionOf(doc, pair[1]);
  if (!ma || !mb) return null;
  // the resolved one of the two carries the code; an unresolved name becomes its name
  const [named, titled] = mb.code && !ma.code ? [ma, mb] : [mb, ma];
  if (named.code) return [named];
  if (!titled.code) return null;
  return [{ ...titled, name: named.name ?? named.text, entries: [...titled.entries, `apposition: '${named.text}' is '${titled.text}'`] }];
}

/** an unresolved source standing for the clause subject (or nothing, for an agentless passive) */
function unresolvedSource(ctx: SentenceCtx, subj: number[]): ActorMention {
  const doc = ctx.doc;
  const ch = subj.length ? doc.chunks[subj[0]] : null;
  const start = ch ? ch.start : doc.sentences[ctx.sent].first;
  const end = ch ? ch.end : start;
  return newMention({
    start, end, text: ch ? doc.spanText(ch.start, ch.end) : '', code: null, country: null, sector: null, name: null,
    kind: 'unknown', entries: ['no actor named as the source'], confidence: 0.3, locative: false, agents: [],
  });
}

/** is there a bare noun phrase (an object, not a prepositional phrase) between two tokens? */
function hasObjectBetween(ctx: SentenceCtx, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = ctx.chunkStart.get(k);
    if (c !== undefined && ctx.doc.chunks[c].kind === 'NP' && ctx.doc.chunks[c].prep === undefined) return true;
  }
  return false;
}

/** does a conditional clause hang under this clause, directly or through a participle ("… republics if …")? */
function conditionBelow(ctx: SentenceCtx, ci: number): boolean {
  for (const c of ctx.clauses) {
    if (c.kind !== 'conditional') continue;
    for (let p = c.parent, hops = 0; p !== null && hops < 4; p = ctx.doc.clauses[p].parent, hops++) {
      if (p === ci) return true;
      const k = ctx.doc.clauses[p].kind;
      if (k !== 'participial' && k !== 'relative') break;
    }
  }
  return false;
}
