/**
 * Signed partitioning (structural balance, a.k.a. correlation clustering): split the actors into sides so that
 * positive ties fall within sides and negative ties between them. The frustration of a partition is the
 * weight it leaves unexplained: Σ |negative ties within sides| + Σ positive ties between sides.
 *
 * The graph lives in graphology and the cooperation-only start comes from graphology-communities-louvain.
 * The signed search itself is our own code on top: Louvain maximises modularity and needs non-negative
 * weights, and no graphology package partitions signed graphs. A node's cost on side c is
 * (its positive weight) − Σ_{u∈c} w(v,u), so the best move is to the side with the largest signed sum (or a
 * new side of its own when every sum is negative); merging two sides whose ties sum positive also lowers it.
 * Every step strictly lowers the frustration, so the search ends.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { connectedComponents } from 'graphology-components';

type Graph = UndirectedGraph;
type Louvain = (g: Graph, o: { getEdgeWeight: string; rng: () => number }) => Record<string, number>;
/** The package is CommonJS (module.exports = louvain) while its types declare a default export. */
const louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as unknown as Louvain;

export type { Graph };
export type Partition = Map<string, number>;

export interface PartitionResult {
  sides: Partition;
  frustration: number;
  total: number;
  start: string;
}

/** An undirected graphology graph of the signed ties, `weight` on each edge. */
export function signedGraph(ties: Iterable<{ a: string; b: string; weight: number }>): Graph {
  const g = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  for (const t of ties) {
    if (!t.weight) continue;
    g.mergeNode(t.a);
    g.mergeNode(t.b);
    g.mergeEdge(t.a, t.b, { weight: t.weight });
  }
  return g;
}

const w = (g: Graph, e: string) => g.getEdgeAttribute(e, 'weight') as number;

export function frustration(g: Graph, sides: Partition): number {
  let f = 0;
  g.forEachEdge((e, _a, s, t) => {
    const x = w(g, e);
    if (sides.get(s) === sides.get(t)) f += Math.max(0, -x); else f += Math.max(0, x);
  });
  return f;
}

/** Deterministic PRNG for Louvain (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Louvain communities of the cooperation-only graph; actors without positive ties start alone. */
function louvainStart(g: Graph, nodes: string[]): Partition {
  const pos = new UndirectedGraph();
  g.forEachEdge((e, _a, s, t) => {
    const x = w(g, e);
    if (x > 0) { pos.mergeNode(s); pos.mergeNode(t); pos.mergeEdge(s, t, { weight: x }); }
  });
  const p: Partition = new Map();
  const comm = pos.size ? louvain(pos, { getEdgeWeight: 'weight', rng: rng(11) }) : {};
  let next = 1 + Math.max(-1, ...Object.values(comm));
  for (const n of nodes) p.set(n, comm[n] ?? next++);
  return p;
}

/** Two sides by the sign of the leading eigenvector of the signed adjacency matrix (power iteration). */
function spectralStart(g: Graph, nodes: string[]): Partition {
  const idx = new Map(nodes.map((n, i) => [n, i]));
  let shift = 0;
  for (const n of nodes) {
    let s = 0;
    g.forEachEdge(n, (e) => { s += Math.abs(w(g, e)); });
    shift = Math.max(shift, s);
  }
  // deterministic, not orthogonal to any eigenvector in practice
  let x = nodes.map((_, i) => 1 + ((i * 7919) % 13) / 13);
  for (let it = 0; it < 300; it++) {
    const y = x.map((v) => v * shift);
    g.forEachEdge((e, _a, s, t) => {
      const i = idx.get(s)!, j = idx.get(t)!, v = w(g, e);
      y[i] += v * x[j];
      y[j] += v * x[i];
    });
    const norm = Math.hypot(...y) || 1;
    x = y.map((v) => v / norm);
  }
  return new Map(nodes.map((n, i) => [n, x[i] >= 0 ? 0 : 1]));
}

/** Signed sums of v's ties per side. */
function sideSums(g: Graph, v: string, p: Partition): Map<number, number> {
  const sums = new Map<number, number>();
  g.forEachEdge(v, (e, _a, s, t) => {
    const u = s === v ? t : s;
    const c = p.get(u)!;
    sums.set(c, (sums.get(c) ?? 0) + w(g, e));
  });
  return sums;
}

const EPS = 1e-9;

/** Move single nodes, then merge sides with positive ties between them, until nothing improves. */
export function localSearch(g: Graph, nodes: string[], start: Partition): Partition {
  const p = new Map(start);
  let fresh = 1 + Math.max(0, ...p.values());
  for (let round = 0; round < 200; round++) {
    let moved = false;
    for (let sweep = 0; sweep < 100; sweep++) {
      let any = false;
      for (const v of nodes) {
        const sums = sideSums(g, v, p);
        const cur = p.get(v)!;
        const here = sums.get(cur) ?? 0;
        let best = cur, bestSum = here;
        for (const [c, s] of [...sums].sort((x, y) => x[0] - y[0])) if (s > bestSum + EPS) { best = c; bestSum = s; }
        if (bestSum < -EPS && [...p.values()].filter((c) => c === cur).length > 1) { best = fresh++; bestSum = 0; }
        if (best !== cur && bestSum > here + EPS) { p.set(v, best); any = moved = true; }
      }
      if (!any) break;
    }
    // merge the pair of sides whose ties sum most positive
    const between = new Map<string, number>();
    g.forEachEdge((e, _a, s, t) => {
      const cs = p.get(s)!, ct = p.get(t)!;
      if (cs === ct) return;
      const k = cs < ct ? `${cs},${ct}` : `${ct},${cs}`;
      between.set(k, (between.get(k) ?? 0) + w(g, e));
    });
    const [bestPair, sum] = [...between].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0] ?? ['', 0];
    if (sum > EPS) {
      const [keep, drop] = bestPair.split(',').map(Number);
      for (const [n, c] of p) if (c === drop) p.set(n, keep);
      moved = true;
    }
    if (!moved) break;
  }
  return p;
}

/** Number sides 0.. in order of first appearance in `nodes`. */
function renumber(p: Partition, nodes: string[]): Partition {
  const ids = new Map<number, number>();
  return new Map(nodes.map((n) => {
    const c = p.get(n)!;
    if (!ids.has(c)) ids.set(c, ids.size);
    return [n, ids.get(c)!];
  }));
}

/** Each connected component of the tie graph partitioned on its own (two unrelated conflicts never share a side). */
export function partitionSigned(g: Graph): PartitionResult {
  const out: PartitionResult = { sides: new Map(), frustration: 0, total: 0, start: '' };
  const starts = new Set<string>();
  let offset = 0;
  const comps = connectedComponents(g).map((c) => [...c].sort()).sort((x, y) => y.length - x.length || (x[0] < y[0] ? -1 : 1));
  for (const nodes of comps) {
    const sub = new UndirectedGraph();
    for (const n of nodes) sub.addNode(n);
    for (const n of nodes) g.forEachEdge(n, (e, _a, s, t) => { if (s === n) sub.mergeEdge(s, t, { weight: w(g, e) }); });
    const r = partitionComponent(sub);
    for (const [n, c] of r.sides) out.sides.set(n, c + offset);
    offset += new Set(r.sides.values()).size;
    out.frustration += r.frustration;
    out.total += r.total;
    starts.add(r.start);
  }
  out.start = [...starts].sort().join('/') || 'none';
  return out;
}

/** The best of three starts (Louvain on cooperation, spectral, every actor alone), each refined by local search. */
function partitionComponent(g: Graph): PartitionResult {
  const nodes = [...g.nodes()].sort();
  let total = 0;
  g.forEachEdge((e) => { total += Math.abs(w(g, e)); });
  const starts: [string, Partition][] = [
    ['louvain', louvainStart(g, nodes)],
    ['spectral', spectralStart(g, nodes)],
    ['singletons', new Map(nodes.map((n, i) => [n, i]))],
  ];
  let best: PartitionResult | null = null;
  for (const [name, start] of starts) {
    const sides = renumber(localSearch(g, nodes, start), nodes);
    const f = frustration(g, sides);
    const count = new Set(sides.values()).size;
    if (!best || f < best.frustration - EPS || (Math.abs(f - best.frustration) <= EPS && count < new Set(best.sides.values()).size)) {
      best = { sides, frustration: f, total, start: name };
    }
  }
  return best ?? { sides: new Map(), frustration: 0, total: 0, start: 'none' };
}
