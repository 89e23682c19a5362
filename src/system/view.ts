/** The conflict-system view of a store: read events, aggregate actors, weigh ties, find sides and proxies. */
import { performance } from 'node:perf_hooks';
import { UndirectedGraph } from 'graphology';
import { connectedComponents } from 'graphology-components';
import { DyadError } from '../core/errors.js';
import type { DyadEventRow, EventStore } from '../store/types.js';
import { actorId, inferLocalCountries, sourceOf, targetOf } from './identity.js';
import { frustration, partitionSigned, signedGraph } from './partition.js';
import { findProxies } from './proxies.js';
import { decayOf, eventWeight, groupPairs, pairKey, relationOf, tieChanges, windowOf, type Item } from './relations.js';
import { buildSides, findMediators } from './sides.js';
import type { EvidenceRef, SystemActor, SystemOptions, SystemView } from './types.js';

export const SYSTEM_DEFAULTS = { window: 'month', collapse: 'state', halfLife: 180, top: 15, evidence: 5 } as const;

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export function systemView(store: EventStore, o: SystemOptions = {}): SystemView {
  const t0 = performance.now();
  const window = o.window ?? SYSTEM_DEFAULTS.window;
  const collapse = o.collapse ?? SYSTEM_DEFAULTS.collapse;
  const halfLife = o.halfLife ?? SYSTEM_DEFAULTS.halfLife;
  const top = o.top ?? SYSTEM_DEFAULTS.top;
  const k = o.evidence ?? SYSTEM_DEFAULTS.evidence;
  const country = o.country ? o.country.toUpperCase() : null;
  if (!Number.isFinite(halfLife) || halfLife < 0) throw new DyadError('E_USAGE', `half-life must be 0 or more days, not ${halfLife}`);

  const rows: DyadEventRow[] = [...store.eachDyadEvent({ from: o.from, to: o.to })]
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.id - y.id));
  const localCountries = country ? [country] : inferLocalCountries(rows);
  const localSet = new Set(localCountries);

  // actor identity, and the participants of the country's conflict system
  const codes = new Map<string, { country: string | null; codes: Set<string>; events: number }>();
  const ended: { row: DyadEventRow; src: string; tgt: string }[] = [];
  for (const row of rows) {
    const src = actorId(sourceOf(row), collapse, localSet);
    const tgt = actorId(targetOf(row), collapse, localSet);
    if (src !== tgt) ended.push({ row, src, tgt });
  }
  let scoped = ended;
  if (country) {
    const inside = new Set<string>();
    for (const e of ended) {
      if (e.row.source_country === country || e.row.target_country === country || e.row.location_country === country) {
        inside.add(e.src);
        inside.add(e.tgt);
      }
    }
    scoped = ended.filter((e) => inside.has(e.src) && inside.has(e.tgt));
  }
  for (const e of scoped) {
    for (const [id, raw] of [[e.src, sourceOf(e.row)], [e.tgt, targetOf(e.row)]] as const) {
      let a = codes.get(id);
      if (!a) codes.set(id, a = { country: raw.country, codes: new Set(), events: 0 });
      a.codes.add(raw.code);
      a.events++;
    }
  }

  // signed weights: cluster members share one event's weight; decay from the reference date
  const reference = o.to ?? scoped[scoped.length - 1]?.row.date ?? null;
  const perCluster = new Map<number, number>();
  for (const e of scoped) if (e.row.cluster !== null) perCluster.set(e.row.cluster, (perCluster.get(e.row.cluster) ?? 0) + 1);
  const items: Item[] = scoped.map((e) => {
    const raw = eventWeight(e.row) / (e.row.cluster !== null ? perCluster.get(e.row.cluster)! : 1);
    return { ...e, raw, w: raw };
  });
  // decay from --to, else from the last event of each unconnected conflict (component of the tie graph)
  const last = lastDateByActor(items);
  for (const it of items) {
    const ref = o.to ?? last.get(it.src) ?? reference;
    if (ref) it.w = it.raw * decayOf(it.row.date, ref, halfLife);
  }
  const pairs = groupPairs(items);
  const isLocal = (id: string) => { const c = codes.get(id)?.country; return !!c && localSet.has(c); };

  // sides: partition, take mediators out, partition the rest again
  const g = signedGraph(pairs.values());
  let part = partitionSigned(g);
  const mediators = findMediators(g, part.sides);
  if (mediators.size) {
    const rest = g.copy();
    for (const m of mediators) rest.dropNode(m);
    part = partitionSigned(rest);
    for (const m of mediators) part.sides.delete(m);
  }
  const h = mediators.size ? dropNodes(g, mediators) : g;
  const f = frustration(h, part.sides);
  const sides = buildSides(h, part.sides, pairs, isLocal, k);
  const sideOf = new Map<string, number>();
  for (const s of sides) for (const m of s.members) sideOf.set(m.actor, s.id);

  const actors: SystemActor[] = [...codes].map(([id, a]) => ({
    id, country: a.country, local: isLocal(id), codes: [...a.codes].sort(), events: a.events,
    side: sideOf.get(id) ?? null, mediator: mediators.has(id),
  })).sort((x, y) => y.events - x.events || (x.id < y.id ? -1 : 1));

  const proxies = findProxies({ pairs, actors: actors.map((a) => a.id), isLocal, mediators, k });
  const strongest = [...pairs.values()].sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || y.items.length - x.items.length ||
    (x.a + x.b < y.a + y.b ? -1 : 1));
  const dyads = strongest.slice(0, top).map((p) => relationOf(p, window));
  const windows = [...new Set(items.map((it) => windowOf(it.row.date, window)))].sort();
  let total = 0;
  h.forEachEdge((e) => { total += Math.abs(h.getEdgeAttribute(e, 'weight') as number); });
  const view: SystemView = {
    params: { from: o.from ?? null, to: o.to ?? null, country, window, collapse, halfLife },
    reference_date: reference,
    first_date: items[0]?.row.date ?? null,
    last_date: items[items.length - 1]?.row.date ?? null,
    local_countries: localCountries,
    windows,
    actors,
    sides,
    mediators: [...mediators].sort(),
    proxies,
    changes: tieChanges(pairs.values(), window, k),
    dyads,
    ties: strongest.map((p) => ({ a: p.a, b: p.b, weight: round(p.weight), events: p.items.length })),
    frustration: round(f),
    balance: total ? round(1 - f / total) : 1,
    method: `signed partition (start: ${part.start}; local search minimising frustration), half-life ${halfLife || 'none'}`,
    stats: { events: items.length, actors: actors.length, ties: pairs.size, ms: 0 },
  };
  fillRefs(store, view);
  view.stats.ms = Math.round(performance.now() - t0);
  return view;
}

/** Every evidence reference gets its coder id, document and evidence text (one query for all). */
function fillRefs(store: EventStore, v: SystemView): void {
  const refs: EvidenceRef[] = [];
  for (const s of v.sides) for (const m of s.members) for (const r of m.reasons) refs.push(...r.evidence);
  for (const p of v.proxies) refs.push(...p.evidence.support, ...p.evidence.conflict, ...p.evidence.direct);
  for (const c of v.changes) refs.push(...c.before.evidence, ...c.after.evidence);
  const found = store.eventRefs(refs.map((r) => r.id));
  for (const r of refs) {
    const f = found.get(r.id);
    if (f) { r.event = f.uid; r.doc = f.doc; r.text = f.text; }
  }
}

/** The last event date of each actor's connected component. */
function lastDateByActor(items: Item[]): Map<string, string> {
  const g = new UndirectedGraph();
  const lastOf = new Map<string, string>();
  const seen = new Set<string>();
  for (const it of items) {
    const k = pairKey(it.src, it.tgt);
    if (!seen.has(k)) { seen.add(k); g.mergeEdge(it.src, it.tgt); }
    if ((lastOf.get(it.src) ?? '') < it.row.date) lastOf.set(it.src, it.row.date);
    if ((lastOf.get(it.tgt) ?? '') < it.row.date) lastOf.set(it.tgt, it.row.date);
  }
  const out = new Map<string, string>();
  for (const comp of connectedComponents(g)) {
    const d = comp.reduce((m, a) => (lastOf.get(a)! > m ? lastOf.get(a)! : m), '');
    for (const a of comp) out.set(a, d);
  }
  return out;
}

function dropNodes(g: ReturnType<typeof signedGraph>, drop: Set<string>) {
  const h = g.copy();
  for (const m of drop) h.dropNode(m);
  return h;
}
