/** Sides from a signed partition: members with a confidence and the ties (with events) that justify it;
 *  mediators, who cooperate with opposed sides and fight none, are kept out of the sides. */
import type { Graph, Partition } from './partition.js';
import { pairEvidence, pairKey, type Pair } from './relations.js';
import type { Side, SideMember, TieReason } from './types.js';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const weightOf = (g: Graph, e: string) => g.getEdgeAttribute(e, 'weight') as number;

/** Evidence weight at which confidence is damped by half: about half of one strong event. */
const DAMP = 0.5;
/** Reasons listed per member. */
const REASONS = 4;

/**
 * Mediators: no conflict ties (negative weight under a tenth of the positive), and cooperation with at least
 * two sides that are opposed to each other (their ties sum negative), the second at least a quarter of the first.
 */
export function findMediators(g: Graph, sides: Partition): Set<string> {
  const between = new Map<string, number>();
  g.forEachEdge((e, _a, s, t) => {
    const cs = sides.get(s)!, ct = sides.get(t)!;
    if (cs !== ct) between.set(`${Math.min(cs, ct)},${Math.max(cs, ct)}`, (between.get(`${Math.min(cs, ct)},${Math.max(cs, ct)}`) ?? 0) + weightOf(g, e));
  });
  const out = new Set<string>();
  g.forEachNode((v) => {
    let pos = 0, neg = 0;
    const bySide = new Map<number, number>();
    g.forEachEdge(v, (e, _a, s, t) => {
      const x = weightOf(g, e);
      if (x < 0) { neg -= x; return; }
      pos += x;
      const c = sides.get(s === v ? t : s)!;
      bySide.set(c, (bySide.get(c) ?? 0) + x);
    });
    if (neg > 0.1 * pos) return;
    const ranked = [...bySide].sort((x, y) => y[1] - x[1]);
    for (let i = 0; i < ranked.length; i++) {
      for (let j = i + 1; j < ranked.length; j++) {
        const [ci, wi] = ranked[i], [cj, wj] = ranked[j];
        const opposed = (between.get(`${Math.min(ci, cj)},${Math.max(ci, cj)}`) ?? 0) < 0;
        if (opposed && wj >= 0.25 * wi) { out.add(v); return; }
      }
    }
  });
  return out;
}

/** Members of each side with confidence and reasons; sides ordered by strength, members local first. */
export function buildSides(g: Graph, sides: Partition, pairs: Map<string, Pair>, local: (id: string) => boolean, k: number): Side[] {
  const strength = (v: string) => { let s = 0; g.forEachEdge(v, (e) => { s += Math.abs(weightOf(g, e)); }); return s; };
  const groups = new Map<number, string[]>();
  for (const [v, c] of sides) {
    let l = groups.get(c);
    if (!l) groups.set(c, l = []);
    l.push(v);
  }
  const out: Side[] = [];
  for (const [, actors] of groups) {
    const members: SideMember[] = actors.map((v) => {
      let agree = 0, against = 0, amount = 0;
      const reasons: TieReason[] = [];
      g.forEachEdge(v, (e, _a, s, t) => {
        const u = s === v ? t : s;
        const x = weightOf(g, e);
        const same = sides.get(u) === sides.get(v);
        const fits = same ? x > 0 : x < 0;
        if (fits) agree += Math.abs(x); else against += Math.abs(x);
        const relation = !fits ? 'against' : same ? 'ally' : 'opponent';
        const pair = pairs.get(pairKey(u, v))!;
        amount += pair.amount;
        reasons.push({ with: u, relation, weight: round(x), evidence: [] });
      });
      const total = agree + against;
      // the share of (decayed) tie weight that agrees, damped by how much was reported at all (not decayed)
      const confidence = total ? (agree / total) * (amount / (amount + DAMP)) : 0;
      reasons.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || (x.with < y.with ? -1 : 1));
      const kept = reasons.slice(0, REASONS);
      for (const r of kept) r.evidence = pairEvidence(pairs.get(pairKey(r.with, v))!, r.weight > 0 ? 1 : -1, k);
      return { actor: v, confidence: round(confidence, 2), agree: round(agree), against: round(against), reasons: kept };
    });
    const power = new Map(actors.map((v) => [v, strength(v)]));
    members.sort((x, y) => Number(local(y.actor)) - Number(local(x.actor)) || power.get(y.actor)! - power.get(x.actor)! || (x.actor < y.actor ? -1 : 1));
    const top = members.slice(0, 3).map((m) => m.actor);
    out.push({
      id: 0,
      label: top.join(' + ') + (members.length > 3 ? ` +${members.length - 3}` : ''),
      members,
      local: members.filter((m) => local(m.actor)).map((m) => m.actor),
      outside: members.filter((m) => !local(m.actor)).map((m) => m.actor),
    });
  }
  const weight = (s: Side) => s.members.reduce((n, m) => n + m.agree + m.against, 0);
  // sides with local parties first, then by the tie weight of their members
  out.sort((x, y) => Number(y.local.length > 0) - Number(x.local.length > 0) || weight(y) - weight(x) || (x.label < y.label ? -1 : 1));
  out.forEach((s, i) => { s.id = i; });
  return out;
}
