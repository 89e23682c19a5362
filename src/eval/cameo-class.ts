import { readFileSync } from 'node:fs';
import { DyadError } from '../core/errors.js';
import type { Event } from '../core/event.js';
import type { Doc } from '../core/doc.js';
import type { VerbDictionary } from '../events/dictionary.js';
import { classScores, type ClassScores } from './metrics.js';

/**
 * ConfliBERT "CAMEO" 5-way sentence classes (label meaning inferred, see shared/eval/conflibert/README.md):
 * 0 statements/appeals (roots 01–02), 1 verbal cooperation (03–05), 2 material cooperation (06–08),
 * 3 verbal conflict (09–13), 4 material conflict (14–20).
 */
export function classOfCode(code: string): string {
  const r = Number(code.slice(0, 2));
  if (r <= 2) return '0';
  if (r <= 5) return '1';
  if (r <= 8) return '2';
  if (r <= 13) return '3';
  return '4';
}

/** quad class of a 5-way label (0 and 1 are both verbal cooperation) */
export const quadOfClass = (c: string) => (c === '0' || c === '1' ? 'Q1' : c === '2' ? 'Q2' : c === '3' ? 'Q3' : c === '4' ? 'Q4' : c);

export interface ClassRow { text: string; label: string }

export function readClassTsv(file: string): ClassRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DyadError('E_INPUT_NOT_FOUND', `cannot read ${file}: ${(e as Error).message}`);
  }
  const rows: ClassRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const tab = line.lastIndexOf('\t');
    if (tab < 0) continue;
    rows.push({ text: line.slice(0, tab).trim(), label: line.slice(tab + 1).trim() });
  }
  return rows;
}

/** dyad's class: the most confident event's CAMEO code, or null when it codes nothing */
export function dyadClass(events: Event[]): string | null {
  if (!events.length) return null;
  const best = events.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  return classOfCode(best.cameo);
}

/**
 * The lexical baseline measured beside dyad: the first verb (by POS) whose lemma has a one-word pattern in
 * the verb dictionary decides the class; no grammar, no actors. Falls back to the majority class.
 */
export function baselineClass(doc: Doc, verbs: VerbDictionary, majority: string): string {
  for (const t of doc.tokens) {
    if (t.pos !== 'VERB') continue;
    const list = verbs.byHead.get(t.lemma);
    const bare = list?.find((p) => p.elems.length === 0 && p.code);
    if (bare?.code) return classOfCode(bare.code);
  }
  return majority;
}

export interface CameoClassResult {
  dyad: ClassScores;
  dyadFallback: ClassScores;
  baseline: ClassScores;
  dyadQuad: ClassScores;
  baselineQuad: ClassScores;
  coded: number;
}

export function scoreCameoClass(rows: ClassRow[], predict: (text: string) => { events: Event[]; doc: Doc }, verbs: VerbDictionary): CameoClassResult {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  const majority = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '0';
  const d: { gold: string; pred: string }[] = [];
  const df: typeof d = [];
  const b: typeof d = [];
  let coded = 0;
  for (const r of rows) {
    const { events, doc } = predict(r.text);
    const base = baselineClass(doc, verbs, majority);
    const mine = dyadClass(events);
    if (mine) coded++;
    d.push({ gold: r.label, pred: mine ?? 'NONE' });
    df.push({ gold: r.label, pred: mine ?? base });
    b.push({ gold: r.label, pred: base });
  }
  const quad = (xs: typeof d) => xs.map((x) => ({ gold: quadOfClass(x.gold), pred: quadOfClass(x.pred) }));
  return { dyad: classScores(d), dyadFallback: classScores(df), baseline: classScores(b), dyadQuad: classScores(quad(df)), baselineQuad: classScores(quad(b)), coded };
}
