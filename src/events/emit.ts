import type { Clause, ActorMention } from '../core/doc.js';
import type { Draft } from './build.js';
import { sameActor, type SentenceCtx } from './context.js';

/** a visit goes to a country: "visited Athens" → GRC, not the Greek government */
export const VISIT_CODES = new Set(['042', '043', '044']);

export const isAttackOnPlace = (code: string) => /^(18|19|20)/.test(code);

export interface PairOpts {
  /** clauses whose content made the event (a controlled infinitive, a complement): the evidence covers them */
  consumed?: readonly number[];
  negated: boolean;
  conditional: boolean;
  quote: boolean;
  speaker: string | null;
  pattern: string;
  origin: string;
  rules: string[];
}

export function pushPairs(drafts: Draft[], ctx: SentenceCtx, cl: Clause, sources: ActorMention[], targets: ActorMention[], code: string, reverse: string | null, o: PairOpts): void {
  const doc = ctx.doc;
  const tlist: (ActorMention | null)[] = targets.length ? targets : [null];
  // the evidence covers the clause's conditions, gerund complements and consumed clauses: their span, found
  // once (it was a filtered list of the sentence's clauses for every source × target pair)
  let childFrom = Infinity;
  let childTo = -Infinity;
  for (const c of ctx.clauses) {
    if (c.parent !== cl.i) continue;
    if (c.kind === 'conditional' || (c.kind === 'participial' && doc.tokens[c.start - 1]?.pos === 'ADP') || o.consumed?.includes(c.i)) {
      childTo = Math.max(childTo, c.end);
      childFrom = Math.min(childFrom, c.start);
    }
  }
  for (let s of sources) for (let t of ownSideOnly(s, tlist)) {
    // an armed group with no country fighting a state's forces is that state's ("rebels attacked Congolese troops")
    if (t && /^(1[4-9]|20)/.test(code)) {
      s = domestic(s, t, ctx);
      t = domestic(t, s, ctx);
    }
    if (t && sameActor(s, t)) continue;
    // a capital is a place when visited or attacked: "visited Athens" → GRC, "shelled Kyiv" → UKR
    if (t && (VISIT_CODES.has(code) || isAttackOnPlace(code)) && t.kind === 'capital' && t.country) t = { ...t, code: t.country, sector: null };
    // evidence: the clause with its source and target, the governing speech clause and any condition
    const sentFirst = doc.sentences[ctx.sent].first;
    const inSent = (m: ActorMention) => doc.tokens[m.start].sent === ctx.sent;
    let from = Math.min(cl.start, inSent(s) ? s.start : Infinity, t && inSent(t) ? t.start : Infinity);
    let to = Math.max(cl.end, inSent(s) ? s.end : -Infinity, t && inSent(t) ? t.end : -Infinity);
    if (s.antecedent && doc.tokens[s.antecedent.start].sent === ctx.sent) from = Math.min(from, s.antecedent.start);
    to = Math.max(to, childTo);
    from = Math.min(from, childFrom); // a fronted condition: "Unless Hamas releases the hostages, Israel will ..."
    from = Math.max(from, sentFirst);
    const conf = 0.85 * Math.min(s.confidence, t ? t.confidence : 0.5) / 0.9;
    // object literals rather than spreads of a shared base: the same fields in the same order, built faster
    const confidence = Math.min(0.95, conf);
    drafts.push({
      sent: ctx.sent, clause: cl.i, from, to, negated: o.negated, conditional: o.conditional, quote: o.quote, speaker: o.speaker,
      confidence, pattern: o.pattern, patternOrigin: o.origin, rules: [...o.rules], code, source: s, target: t,
    });
    // the paired event's target is the visited place: "Beijing hosted X" → X 042 CHN
    const placeS = VISIT_CODES.has(reverse ?? '') && s.kind === 'capital' && s.country ? { ...s, code: s.country, sector: null } : s;
    if (reverse && t) {
      drafts.push({
        sent: ctx.sent, clause: cl.i, from, to, negated: o.negated, conditional: o.conditional, quote: o.quote, speaker: o.speaker,
        confidence, pattern: o.pattern, patternOrigin: o.origin, rules: [...o.rules, `paired code ${code}:${reverse}`], code: reverse, source: t, target: placeS,
      });
    }
  }
  void doc;
}

/**
 * "The Kenyan president promised to democratize Kenya": when every target is the source's own side, the
 * event has no target (only --partial prints it) rather than none at all.
 */
function ownSideOnly(s: ActorMention, tlist: (ActorMention | null)[]): (ActorMention | null)[] {
  return tlist.length && tlist.every((t) => t && sameActor(s, t)) ? [null] : tlist;
}

/** non-state sectors that take the country of the state they fight */
const NONSTATE = new Set(['REB', 'INS', 'SEP', 'OPP', 'CVL', 'CRM']);
const STATE = new Set(['GOV', 'MIL', 'COP']);

/**
 * Give a country-less non-state actor the country of the state actor on the other side. The mention itself is
 * updated, so its other events in the article (e.g. "backed by Rwanda") carry the same country.
 */
function domestic(m: ActorMention, other: ActorMention, ctx: SentenceCtx): ActorMention {
  if (m.code || !m.sector || !NONSTATE.has(m.sector) || !other.country || !STATE.has(other.sector ?? '')) return m;
  // (the places of the sentence are read only here: most attacks have no country-less non-state side)
  const where = placeCountry(ctx);
  // fighting abroad ("Turkish troops entered Syria. They attacked Kurdish fighters."): the place's country
  const country = where && where !== other.country ? where : other.country;
  m.country = country;
  m.code = country + m.sector;
  m.confidence = Math.min(m.confidence, 0.5);
  m.entries.push(country === other.country ? `country of the state it confronts (${other.code})` : `country where the fighting is (${country})`);
  return m;
}

/** the country of the place named in this sentence or the one before ("entered Syria"), if only one */
function placeCountry(ctx: SentenceCtx): string | null {
  const doc = ctx.doc;
  const found = new Set<string>();
  for (const p of doc.places) {
    const s = doc.tokens[p.start]?.sent;
    if ((s === ctx.sent || s === ctx.sent - 1) && p.country) found.add(p.country);
  }
  for (const m of doc.mentions) {
    const s = doc.tokens[m.start]?.sent;
    if ((s === ctx.sent || s === ctx.sent - 1) && m.locative && m.country) found.add(m.country);
  }
  return found.size === 1 ? [...found][0] : null;
}
