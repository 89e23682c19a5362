import type { Stage } from '../core/stage.js';
import type { Doc, Clause, ActorMention } from '../core/doc.js';
import type { Event } from '../core/event.js';
import { clauseSubject } from '../nlp/clauses.js';
import { SPEECH_VERBS } from '../nlp/lexicon.js';
import { LOCATIVE_PREPS } from '../actors/resolve.js';
import { defaultVerbs, defaultNouns } from './defaults.js';
import type { VerbDictionary } from './dictionary.js';
import { matchPatterns, chunkStartMap, type PatternMatch } from './match.js';
import { intentCode, threatCode, refuseCode, appealCode, demandCode, isReciprocal, needsPrepTarget, INTENT_VERBS, THREAT_VERBS, REFUSE_VERBS, ASPECT_VERBS, DENIAL_VERBS, APPEAL_VERBS, DEMAND_VERBS } from './compose.js';
import { finish, type Draft } from './build.js';
import { nominalEvents } from './nominal.js';

export interface EventOptions {
  /** keep events whose source or target has no code (target may be null) */
  partial?: boolean;
  /** keep negated events ("did not attack"), flagged negated: true */
  negated?: boolean;
  explain?: boolean;
  verbs?: VerbDictionary;
  nouns?: VerbDictionary;
}

/** Per-sentence context the clause coder needs. */
export interface SentenceCtx {
  doc: Doc;
  sent: number;
  clauses: Clause[];
  chunkStart: Map<number, number>;
  /** speaker mention of a trailing attribution (", officials said.") */
  attribution: ActorMention | null;
  attributionClause: number | null;
}

const mentionOf = (doc: Doc, c: number): ActorMention | null => {
  const m = doc.chunks[c].mention;
  return m === undefined ? null : doc.mentions[m];
};

/** NP chunks coordinated after chunk c: "Syria and Iraq", "France, Germany and Italy" */
export function coordinatedAfter(doc: Doc, c: number, end: number): number[] {
  const out = [c];
  let cur = c;
  for (let n = cur + 1; n < doc.chunks.length; n++) {
    const ch = doc.chunks[n];
    if (ch.kind !== 'NP' || ch.start >= end) break;
    const between = doc.tokens.slice(doc.chunks[cur].end, ch.start).map((t) => t.lower);
    if (!(between.length >= 1 && between.length <= 2 && between.every((w) => w === ',' || w === 'and' || w === 'or'))) break;
    if (ch.prep !== undefined) break;
    out.push(n);
    cur = n;
  }
  return out;
}

function childClauses(ctx: SentenceCtx, ci: number, kind?: Clause['kind']): Clause[] {
  return ctx.clauses.filter((c) => c.parent === ci && (!kind || c.kind === kind));
}

/** Is the clause (or an ancestor) a hypothetical or denied context? */
function blocked(ctx: SentenceCtx, cl: Clause): string | null {
  const doc = ctx.doc;
  // "accused Ankara of sending mercenaries": a gerund after a preposition is content, not a happening
  if (cl.kind === 'participial' && doc.tokens[cl.start - 1]?.pos === 'ADP') return 'gerund complement of a preposition';
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
function speakerOf(ctx: SentenceCtx, cl: Clause): ActorMention | null {
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
  if (ctx.attribution && cl.i !== ctx.attributionClause) return ctx.attribution;
  return null;
}

function sameActor(a: ActorMention | null, b: ActorMention | null): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  if (a.antecedent && a.antecedent.start === b.start) return true;
  if (b.antecedent && b.antecedent.start === a.start) return true;
  if (!!a.code && a.code === b.code) return true;
  // a country and its own government or forces are one side: "the Libyan government praised Libya"
  const bare = (m: ActorMention) => !!m.code && m.code.length === 3 && m.code === m.country;
  return !!a.country && a.country === b.country && (bare(a) || bare(b));
}

/** first actor NP after token `from` in the clause, skipping places and "by" agents */
function firstActorAfter(ctx: SentenceCtx, from: number, end: number, allowPlace: boolean, prepOnly = false): number | null {
  const doc = ctx.doc;
  let place: number | null = null;
  let unresolved: number | null = null;
  for (let k = from; k < end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c === undefined || doc.chunks[c].kind !== 'NP') continue;
    const m = mentionOf(doc, c);
    if (!m) continue;
    const ch = doc.chunks[c];
    const prep = ch.prep !== undefined ? doc.tokens[ch.prep].lower : null;
    if (prep === 'by') continue;
    if (prepOnly && !prep) continue;
    if (!prepOnly && (m.locative || (prep && LOCATIVE_PREPS.has(prep)))) {
      if (place === null) place = c;
      continue;
    }
    // an unresolved actor ("its army") is kept only if no resolved one follows
    if (!m.code) {
      if (unresolved === null) unresolved = c;
      continue;
    }
    return c;
  }
  return unresolved ?? (allowPlace ? place : null);
}

interface Coded {
  match: PatternMatch;
  code: string | null;
  targets: number[];
}

/** match the clause's verb against the dictionary and find its target NPs */
function codeVerb(ctx: SentenceCtx, cl: Clause, verbs: VerbDictionary): Coded | null {
  const doc = ctx.doc;
  if (cl.verb === null) return null;
  const vg = doc.verbs[cl.verb];
  const vch = doc.chunks[vg.chunk];
  // passive: the subject is the verb's object ("Sanctions were imposed on Iran", "Kyiv was shelled")
  let after = vch.end;
  if (vg.passive) {
    const subj = clauseSubject(doc, cl.i);
    if (subj.length && doc.chunks[subj[0]].start < vch.start) after = doc.chunks[subj[0]].start;
  }
  const isActor = (c: number) => mentionOf(doc, c) !== null;
  // patterns may reach into the infinitive the verb governs: "urged Iran to release"
  let end = cl.end;
  for (const c of ctx.clauses) if (c.parent === cl.i && c.kind === 'infinitival' && c.start === end) end = c.end;
  const m = matchPatterns(doc, verbs, vg.lemma, after, end, ctx.chunkStart, isActor);
  if (!m) return null;
  const code = m.pattern.code;
  let t: number | null = m.targetChunk;
  const hasSlot = m.pattern.elems.some((e) => e.kind === 'target');
  if (t !== null && !isActor(t)) {
    // "to the border with Ukraine": the slot's own complement names the actor
    const next = doc.chunks[t + 1];
    const nprep = next && next.prep !== undefined ? doc.tokens[next.prep].lower : null;
    t = next && next.prep === doc.chunks[t].end && (nprep === 'with' || nprep === 'of') && isActor(t + 1) ? t + 1 : null;
  } else if (!hasSlot) {
    t = code && needsPrepTarget(code)
      ? firstActorAfter(ctx, after, cl.end, true, true)
      : firstActorAfter(ctx, after, cl.end, !!code && /^(18|19|20)/.test(code));
  }
  const targets = t === null ? [] : coordinatedAfter(doc, t, end).filter(isActor);
  return { match: m, code, targets };
}

/**
 * The event stage: for every clause, match its verb (composed with control verbs, modals, negation,
 * passive voice and reported speech), resolve source and target mentions, and emit one event per
 * source × target pair, plus nominal events ("Russia's invasion of Ukraine").
 */
export function eventsStage(opts: EventOptions = {}): Stage {
  const verbs = opts.verbs ?? defaultVerbs();
  const nouns = opts.nouns ?? defaultNouns();
  return {
    name: 'events',
    requires: ['clauses', 'actors'],
    assigns: ['events'],
    run(doc: Doc) {
      const drafts: Draft[] = [];
      let c0 = 0;
      for (let s = 0; s < doc.sentences.length; s++) {
        let c1 = c0;
        while (c1 < doc.chunks.length && doc.chunks[c1].sent === s) c1++;
        const clauses = doc.clauses.filter((c) => c.sent === s);
        const ctx: SentenceCtx = { doc, sent: s, clauses, chunkStart: chunkStartMap(doc, c0, c1), attribution: null, attributionClause: null };
        findAttribution(ctx);
        if (!doc.discarded.has(s)) {
          const before = drafts.length;
          codeSentence(ctx, verbs, drafts);
          nominalEvents(ctx, nouns, c0, c1, drafts);
          dedupeSentence(drafts, before);
        }
        c0 = c1;
      }
      const out: Event[] = [];
      const meta: Doc['eventMeta'] = [];
      for (const d of drafts) {
        if (!opts.partial && (!d.source.code || !d.target || !d.target.code)) continue;
        if (!opts.negated && d.negated) continue;
        const ev = finish(doc, d, out.length, !!opts.explain);
        if (ev) {
          out.push(ev);
          meta.push({ clause: d.clause, from: d.from, to: d.to });
        }
      }
      doc.events = out;
      doc.eventMeta = meta;
    },
  };
}

/** ", officials said." at the end of a sentence attributes the whole sentence to its subject */
function findAttribution(ctx: SentenceCtx): void {
  const doc = ctx.doc;
  const last = ctx.clauses[ctx.clauses.length - 1];
  if (!last || last.verb === null || ctx.clauses.length < 2) return;
  const vg = doc.verbs[last.verb];
  if (!SPEECH_VERBS.has(vg.lemma)) return;
  if (doc.tokens[last.start - 1]?.text !== ',' && !/^["”’]$/.test(doc.tokens[last.start - 1]?.text ?? '')) return;
  // nothing but adverbials after the verb: "..., officials said on Tuesday."
  const vch = doc.chunks[vg.chunk];
  for (let k = vch.end; k < last.end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c !== undefined && doc.chunks[c].kind === 'NP' && doc.chunks[c].prep === undefined) return;
  }
  const subj = clauseSubject(doc, last.i);
  ctx.attribution = subj.length ? mentionOf(doc, subj[0]) : null;
  ctx.attributionClause = last.i;
}

function dedupeSentence(drafts: Draft[], from: number): void {
  const seen = new Set<string>();
  for (let i = from; i < drafts.length; i++) {
    const d = drafts[i];
    const key = `${d.source.code}|${d.code}|${d.target?.code}|${d.negated}`;
    if (seen.has(key)) { drafts.splice(i, 1); i--; } else seen.add(key);
  }
}

function codeSentence(ctx: SentenceCtx, verbs: VerbDictionary, drafts: Draft[]): void {
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

function hasTargetNoun(ctx: SentenceCtx, cl: Clause): boolean {
  const doc = ctx.doc;
  for (let k = doc.chunks[doc.verbs[cl.verb!].chunk].end; k < cl.end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c !== undefined && doc.chunks[c].kind === 'NP' && doc.tokens[doc.chunks[c].head].lemma === 'target') return true;
  }
  return false;
}

function isReducedPassive(ctx: SentenceCtx, cl: Clause): boolean {
  const doc = ctx.doc;
  const vch = doc.chunks[doc.verbs[cl.verb!].chunk];
  return doc.tokens[vch.end]?.lower === 'by';
}

function byAgent(ctx: SentenceCtx, cl: Clause): ActorMention[] {
  const doc = ctx.doc;
  for (let k = doc.chunks[doc.verbs[cl.verb!].chunk].end; k < cl.end; k++) {
    const c = ctx.chunkStart.get(k);
    if (c === undefined) continue;
    const ch = doc.chunks[c];
    if (ch.kind === 'NP' && ch.prep !== undefined && doc.tokens[ch.prep].lower === 'by') {
      return coordinatedAfter(doc, c, cl.end).map((x) => mentionOf(doc, x)).filter((m): m is ActorMention => !!m);
    }
  }
  return [];
}

function isQuoted(ctx: SentenceCtx, cl: Clause): boolean {
  const doc = ctx.doc;
  const s = doc.sentences[ctx.sent];
  let open = false;
  for (let k = s.first; k < cl.start; k++) {
    const t = doc.tokens[k].text;
    if (t === '“') open = true;
    else if (t === '”') open = false;
    else if (t === '"') open = !open;
  }
  return open;
}

/** a visit goes to a country: "visited Athens" → GRC, not the Greek government */
const VISIT_CODES = new Set(['042', '043', '044']);
const isAttackOnPlace = (code: string) => /^(18|19|20)/.test(code);

interface PairOpts {
  negated: boolean;
  conditional: boolean;
  quote: boolean;
  speaker: string | null;
  pattern: string;
  origin: string;
  rules: string[];
}

function pushPairs(drafts: Draft[], ctx: SentenceCtx, cl: Clause, sources: ActorMention[], targets: ActorMention[], code: string, reverse: string | null, o: PairOpts): void {
  const doc = ctx.doc;
  const tlist: (ActorMention | null)[] = targets.length ? targets : [null];
  for (const s of sources) for (let t of tlist) {
    if (t && sameActor(s, t)) continue;
    // a capital is a place when visited or attacked: "visited Athens" → GRC, "shelled Kyiv" → UKR
    if (t && (VISIT_CODES.has(code) || isAttackOnPlace(code)) && t.kind === 'capital' && t.country) t = { ...t, code: t.country, sector: null };
    // evidence: the clause with its source and target, the governing speech clause and any condition
    const sentFirst = doc.sentences[ctx.sent].first;
    const inSent = (m: ActorMention) => doc.tokens[m.start].sent === ctx.sent;
    let from = Math.min(cl.start, inSent(s) ? s.start : Infinity, t && inSent(t) ? t.start : Infinity);
    let to = Math.max(cl.end, inSent(s) ? s.end : -Infinity, t && inSent(t) ? t.end : -Infinity);
    if (s.antecedent && doc.tokens[s.antecedent.start].sent === ctx.sent) from = Math.min(from, s.antecedent.start);
    for (const c of childClauses(ctx, cl.i)) {
      if (c.kind === 'conditional' || (c.kind === 'participial' && doc.tokens[c.start - 1]?.pos === 'ADP')) to = Math.max(to, c.end);
    }
    from = Math.max(from, sentFirst);
    const conf = 0.85 * Math.min(s.confidence, t ? t.confidence : 0.5) / 0.9;
    const base = { sent: ctx.sent, clause: cl.i, from, to, negated: o.negated, conditional: o.conditional, quote: o.quote, speaker: o.speaker, confidence: Math.min(0.95, conf), pattern: o.pattern, patternOrigin: o.origin, rules: [...o.rules] };
    drafts.push({ ...base, code, source: s, target: t });
    // the paired event's target is the visited place: "Beijing hosted X" → X 042 CHN
    const placeS = VISIT_CODES.has(reverse ?? '') && s.kind === 'capital' && s.country ? { ...s, code: s.country, sector: null } : s;
    if (reverse && t) drafts.push({ ...base, code: reverse, source: t, target: placeS, rules: [...o.rules, `paired code ${code}:${reverse}`] });
  }
  void doc;
}
