import path from 'node:path';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import type { Event } from '../src/core/event.js';

export const ROOT = PACKAGE_ROOT;
export const SHARED_EVAL = path.resolve(ROOT, '..', 'shared', 'eval');
export const BIN = path.join(ROOT, 'bin', 'dyad.js');

export interface CaseRow {
  file: string;
  line: number;
  date: string;
  group: string;
  text: string;
  expected: ExpectedEvent[] | null; // null = no events
  raw: string;
}

export interface ExpectedEvent {
  source: string;
  code: string;
  target: string;
  flags: string[];
}

/**
 * Case tables: `sentence<TAB>expected[<TAB>note]`, expected = `-` or `SRC CODE TGT [flag...]` items joined
 * by ` ; `. `# date: YYYY-MM-DD` and `# group: name` lines set the publication date and group for later rows.
 */
export function readCaseTable(file: string): CaseRow[] {
  const rows: CaseRow[] = [];
  let date = '2024-03-16';
  let group = path.basename(file, '.tsv');
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const dm = /^#\s*date:\s*(\d{4}-\d{2}-\d{2})/.exec(l);
    if (dm) { date = dm[1]; continue; }
    const gm = /^#\s*group:\s*(.+)$/.exec(l);
    if (gm) { group = gm[1].trim(); continue; }
    if (!l.trim() || l.startsWith('#')) continue;
    const [text, exp] = l.split('\t');
    if (exp === undefined) throw new Error(`${file}:${i + 1}: expected a TAB between sentence and events`);
    rows.push({ file, line: i + 1, date, group, text: text.trim(), expected: parseExpected(exp.trim()), raw: l });
  }
  return rows;
}

export function parseExpected(s: string): ExpectedEvent[] | null {
  if (s === '-' || s === '') return null;
  return s.split(/\s*;\s*/).filter(Boolean).map((item) => {
    const [source, code, target, ...flags] = item.split(/\s+/);
    return { source, code, target, flags };
  });
}

export function caseFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort().map((f) => path.join(dir, f));
}

export function triple(e: Event): string {
  return `${e.source.code} ${e.cameo} ${e.target?.code ?? '-'}`;
}

/** compare coded events with the expected ones; returns a message on mismatch, null when equal */
export function compareEvents(events: Event[], expected: ExpectedEvent[] | null): string | null {
  const got = events.map(triple).sort();
  const want = (expected ?? []).map((e) => `${e.source} ${e.code} ${e.target}`).sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    return `expected [${want.join('; ') || 'no events'}], got [${got.join('; ') || 'no events'}]`;
  }
  for (const x of expected ?? []) {
    const ev = events.find((e) => triple(e) === `${x.source} ${x.code} ${x.target}`)!;
    for (const f of x.flags) {
      if (f === 'cond' && !ev.conditional) return `${triple(ev)} should be conditional`;
      if (f === 'quote' && !ev.quote) return `${triple(ev)} should be a quote`;
      if (f === 'neg' && !ev.negated) return `${triple(ev)} should be negated`;
      if (f === 'nocond' && ev.conditional) return `${triple(ev)} should not be conditional`;
    }
  }
  return null;
}
