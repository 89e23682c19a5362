import { DocKey, type Doc } from './doc.js';

/**
 * Which clauses of its sentence an event owns, for the stages that attach sentence material to events
 * (dates, places). `own`: the event's clause plus, inside its evidence range, its infinitival/participial
 * complements ("pledged | to send troops on Monday") and verbless fragments ("Rebels, | ..."). `ancestors`:
 * the clauses it is embedded in, nearest first. `others`: clauses owned by the sentence's other events,
 * whose material must not leak into this one.
 */
export interface EventScope {
  sent: number;
  clause: number;
  own: Set<number>;
  ancestors: number[];
  others: Set<number>;
}

/** clause and event indices per sentence, in document order (rebuilt when either list changes length) */
interface SentenceIndex {
  nc: number;
  ne: number;
  clauses: Map<number, number[]>;
  events: Map<number, number[]>;
}
const SENTENCE_INDEX = new DocKey<SentenceIndex>('scope.sentenceIndex');

/** per-sentence lists, so scoping every event of a long article stays linear rather than quadratic */
function bySentence(doc: Doc): SentenceIndex {
  let idx = doc.derived(SENTENCE_INDEX);
  if (idx && idx.nc === doc.clauses.length && idx.ne === doc.eventMeta.length) return idx;
  idx = { nc: doc.clauses.length, ne: doc.eventMeta.length, clauses: new Map(), events: new Map() };
  const add = (m: Map<number, number[]>, k: number, v: number) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
  doc.clauses.forEach((cl, ci) => add(idx!.clauses, cl.sent, ci));
  doc.eventMeta.forEach((o, j) => add(idx!.events, doc.clauses[o.clause].sent, j));
  doc.keep(SENTENCE_INDEX, idx);
  return idx;
}

/**
 * eventScope's results, per document: each event's own clauses and its whole scope are computed once, not once
 * per other event of its sentence and again by each stage that asks (dates, locate). Made afresh when the event
 * list or the clause list is replaced or changes length (the clauses and event metadata are not changed in place
 * after the events stage). Callers only read the scopes.
 */
interface ScopeMemo {
  meta: readonly unknown[];
  nc: number;
  ne: number;
  own: (Set<number> | undefined)[];
  scopes: (EventScope | undefined)[];
}
const SCOPE_MEMO = new DocKey<ScopeMemo>('scope.memo');

function scopeMemo(doc: Doc): ScopeMemo {
  const had = doc.derived(SCOPE_MEMO);
  if (had && had.meta === doc.eventMeta && had.ne === doc.eventMeta.length && had.nc === doc.clauses.length) return had;
  return doc.keep(SCOPE_MEMO, { meta: doc.eventMeta, nc: doc.clauses.length, ne: doc.eventMeta.length, own: [], scopes: [] });
}

function ownClauses(doc: Doc, i: number, memo: ScopeMemo): Set<number> {
  const had = memo.own[i];
  if (had) return had;
  const own = computeOwnClauses(doc, i);
  memo.own[i] = own;
  return own;
}

function computeOwnClauses(doc: Doc, i: number): Set<number> {
  const m = doc.eventMeta[i];
  const own = new Set<number>([m.clause]);
  const sent = doc.clauses[m.clause].sent;
  for (const ci of bySentence(doc).clauses.get(sent) ?? []) {
    const cl = doc.clauses[ci];
    if (cl.sent !== sent || cl.i === m.clause) continue;
    if (cl.end <= m.from || cl.start >= m.to) continue;
    if (cl.verb === null) { own.add(cl.i); continue; }
    if (cl.kind !== 'infinitival' && cl.kind !== 'participial' && cl.kind !== 'purpose') continue;
    // only complements of the event's own clause
    for (let p = cl.parent, hops = 0; p !== null && hops < 6; p = doc.clauses[p].parent, hops++) {
      if (p === m.clause) { own.add(cl.i); break; }
      const pk = doc.clauses[p].kind;
      if (pk !== 'infinitival' && pk !== 'participial' && pk !== 'purpose') break;
    }
  }
  return own;
}

export function eventScope(doc: Doc, i: number): EventScope {
  const memo = scopeMemo(doc);
  const had = memo.scopes[i];
  if (had) return had;
  const m = doc.eventMeta[i];
  const own = ownClauses(doc, i, memo);
  const ancestors: number[] = [];
  for (let p = doc.clauses[m.clause].parent, hops = 0; p !== null && hops < 10; p = doc.clauses[p].parent, hops++) {
    if (!own.has(p)) ancestors.push(p);
  }
  const sent = doc.clauses[m.clause].sent;
  const others = new Set<number>();
  for (const j of bySentence(doc).events.get(sent) ?? []) {
    if (j === i || doc.clauses[doc.eventMeta[j].clause].sent !== sent) continue;
    for (const c of ownClauses(doc, j, memo)) if (!own.has(c)) others.add(c);
  }
  const scope = { sent, clause: m.clause, own, ancestors, others };
  memo.scopes[i] = scope;
  return scope;
}

const CLAUSE_INDEX = new DocKey<{ n: number; at: number[] }>('scope.clauseIndex');

/** the clause (index) that holds token k, or -1 */
export function clauseAt(doc: Doc, k: number): number {
  let idx = doc.derived(CLAUSE_INDEX);
  if (!idx || idx.n !== doc.clauses.length) {
    const at: number[] = new Array<number>(doc.tokens.length).fill(-1);
    for (const cl of doc.clauses) for (let t = cl.start; t < cl.end && t < at.length; t++) if (at[t] < 0) at[t] = cl.i;
    idx = { n: doc.clauses.length, at };
    doc.keep(CLAUSE_INDEX, idx);
  }
  return k >= 0 && k < idx.at.length ? idx.at[k] : -1;
}
