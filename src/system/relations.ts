/** Dyad relations over time: per actor pair and window, counts by quad class and PLOVER type, Goldstein sum and
 *  mean, first/last seen, the supporting event ids, and the signed (time-decayed) tie weight. */
import type { DyadEventRow } from '../store/types.js';
import type { DyadRelation, EvidenceRef, RelationStats, TieChange, Window, WindowRelation } from './types.js';

/** The most event ids a relation lists (its `events` count is complete). */
export const MAX_IDS = 100;
const DAY = 86_400_000;

/** One event as it enters the network: its aggregated ends and its signed contribution. */
export interface Item {
  row: DyadEventRow;
  src: string;
  tgt: string;
  /** signed weight before decay: ±max(|Goldstein|, 1)/10, shared among the selected events of its cluster */
  raw: number;
  /** raw × 0.5^(age / half-life) */
  w: number;
}

export interface Pair {
  a: string;
  b: string;
  /** in date order (the store reads oldest first) */
  items: Item[];
  /** decayed signed weight */
  weight: number;
  /** Σ |raw|: how much was reported, whatever its age */
  amount: number;
  /** decayed cooperation by source actor, and whether any of it was material (quad 2) */
  coop: Map<string, { weight: number; material: boolean }>;
  /** items by |w|, strongest first (filled on first use) */
  strongest?: Item[];
}

export const pairKey = (x: string, y: string): string => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

const utc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));

/** The window a date falls in: the date, its ISO week (2020-W03) or its month (2020-01). */
export function windowOf(date: string, w: Window): string {
  if (w === 'day') return date;
  if (w === 'month') return date.slice(0, 7);
  const t = new Date(utc(date));
  const dow = (t.getUTCDay() + 6) % 7; // Monday 0
  t.setUTCDate(t.getUTCDate() - dow + 3); // the Thursday of this week decides the ISO year
  const year = t.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((t.getTime() - jan4.getTime()) / DAY - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Signed weight of one event: cooperation (quad 1–2) positive, conflict (3–4) negative, by Goldstein magnitude. */
export function eventWeight(r: DyadEventRow): number {
  const m = Math.max(Math.abs(r.goldstein), 1) / 10;
  return r.quad_class <= 2 ? m : -m;
}

export function decayOf(date: string, reference: string, halfLife: number): number {
  if (!halfLife) return 1;
  const age = Math.max(0, (utc(reference) - utc(date)) / DAY);
  return Math.pow(0.5, age / halfLife);
}

/** Group items by unordered actor pair (self-loops are dropped before). */
export function groupPairs(items: Item[]): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  for (const it of items) {
    const k = pairKey(it.src, it.tgt);
    let p = pairs.get(k);
    if (!p) pairs.set(k, p = { a: it.src < it.tgt ? it.src : it.tgt, b: it.src < it.tgt ? it.tgt : it.src, items: [], weight: 0, amount: 0, coop: new Map() });
    p.items.push(it);
    p.weight += it.w;
    p.amount += Math.abs(it.raw);
    if (it.w > 0) {
      let c = p.coop.get(it.src);
      if (!c) p.coop.set(it.src, c = { weight: 0, material: false });
      c.weight += it.w;
      if (it.row.quad_class === 2) c.material = true;
    }
  }
  return pairs;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export function statsOf(a: string, items: Item[]): RelationStats {
  const s: RelationStats = {
    events: items.length, a_to_b: 0, b_to_a: 0, quad: { q1: 0, q2: 0, q3: 0, q4: 0 }, plover: {},
    goldstein_sum: 0, goldstein_mean: 0, net: 0, first: items[0]?.row.date ?? '', last: '', event_ids: [],
  };
  for (const it of items) {
    const r = it.row;
    if (it.src === a) s.a_to_b++; else s.b_to_a++;
    s.quad[`q${r.quad_class}` as 'q1']++;
    if (r.plover_type) s.plover[r.plover_type] = (s.plover[r.plover_type] ?? 0) + 1;
    s.goldstein_sum += r.goldstein;
    s.net += it.raw;
    if (r.date < s.first) s.first = r.date;
    if (r.date > s.last) s.last = r.date;
  }
  s.goldstein_sum = round(s.goldstein_sum, 2);
  s.goldstein_mean = items.length ? round(s.goldstein_sum / items.length, 2) : 0;
  s.net = round(s.net);
  // items are in (date, id) order: the newest are at the end
  for (let i = items.length - 1; i >= 0 && s.event_ids.length < MAX_IDS; i--) s.event_ids.push(items[i].row.id);
  return s;
}

/** The full relation of a pair: totals, decayed weight and one entry per window with events. */
export function relationOf(p: Pair, window: Window): DyadRelation {
  const byWindow = new Map<string, Item[]>();
  for (const it of p.items) {
    const k = windowOf(it.row.date, window);
    let l = byWindow.get(k);
    if (!l) byWindow.set(k, l = []);
    l.push(it);
  }
  const windows: WindowRelation[] = [...byWindow.keys()].sort().map((k) => ({ window: k, ...statsOf(p.a, byWindow.get(k)!) }));
  return { a: p.a, b: p.b, weight: round(p.weight), ...statsOf(p.a, p.items), windows };
}

export function evidenceRef(it: Item): EvidenceRef {
  const r = it.row;
  return {
    // event, doc and text are filled from the store once the view is built (fillRefs in view.ts)
    id: r.id, event: '', doc: '', date: r.date, source: r.source_code, target: r.target_code, cameo: r.cameo,
    quad_class: r.quad_class, goldstein: r.goldstein, text: '',
  };
}

const byStrength = (x: Item, y: Item) =>
  Math.abs(y.w) - Math.abs(x.w) || (y.row.date > x.row.date ? 1 : y.row.date < x.row.date ? -1 : 0) || x.row.id - y.row.id;

/** The k strongest items of one sign (and, optionally, one direction), newest first among equals. */
export function evidence(items: Item[], sign: 1 | -1, k: number, from?: string): EvidenceRef[] {
  return pick([...items].sort(byStrength), sign, k, from);
}

/** The same for a whole pair, sorting its items once. */
export function pairEvidence(p: Pair, sign: 1 | -1, k: number, from?: string): EvidenceRef[] {
  p.strongest ??= [...p.items].sort(byStrength);
  return pick(p.strongest, sign, k, from);
}

function pick(sorted: Item[], sign: 1 | -1, k: number, from?: string): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  for (const it of sorted) {
    if (out.length >= k) break;
    if (Math.sign(it.raw) === sign && (!from || it.src === from)) out.push(evidenceRef(it));
  }
  return out;
}

/** Ties whose sign flipped between consecutive windows with events (|net| of at least one weak event). */
export function tieChanges(pairs: Iterable<Pair>, window: Window, k: number, minNet = 0.1): TieChange[] {
  const out: TieChange[] = [];
  for (const p of pairs) {
    const byWindow = new Map<string, Item[]>();
    for (const it of p.items) {
      const key = windowOf(it.row.date, window);
      let l = byWindow.get(key);
      if (!l) byWindow.set(key, l = []);
      l.push(it);
    }
    const active = [...byWindow.entries()].map(([w, items]) => ({ w, items, net: items.reduce((s, it) => s + it.raw, 0) }))
      .filter((x) => Math.abs(x.net) >= minNet).sort((x, y) => (x.w < y.w ? -1 : 1));
    for (let i = 1; i < active.length; i++) {
      const before = active[i - 1];
      const after = active[i];
      if (Math.sign(before.net) === Math.sign(after.net)) continue;
      const sb = Math.sign(before.net) as 1 | -1;
      out.push({
        a: p.a, b: p.b, kind: before.net > 0 ? 'broke' : 'reconciled',
        before: { window: before.w, net: round(before.net), evidence: evidence(before.items, sb, k) },
        after: { window: after.w, net: round(after.net), evidence: evidence(after.items, (-sb) as 1 | -1, k) },
      });
    }
  }
  return out.sort((x, y) => (x.after.window < y.after.window ? -1 : x.after.window > y.after.window ? 1 : 0) || (x.a < y.a ? -1 : 1));
}
