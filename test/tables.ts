import { readFileSync } from 'node:fs';

export interface TableRow { line: number; date: string; group: string; text: string; expected: string }

/**
 * The date and place case tables: `sentence<TAB>expected`; `# date: YYYY-MM-DD` and `# group: name` lines set
 * the publication date and group of the rows that follow; other `#` lines are comments.
 */
export function readTable(file: string): TableRow[] {
  const rows: TableRow[] = [];
  let date = '2024-03-16';
  let group = '';
  readFileSync(file, 'utf8').split(/\r?\n/).forEach((l, i) => {
    const dm = /^#\s*date:\s*(\S+)/.exec(l);
    if (dm) { date = dm[1]; return; }
    const gm = /^#\s*group:\s*(.+)$/.exec(l);
    if (gm) { group = gm[1].trim(); return; }
    if (!l.trim() || l.startsWith('#')) return;
    const [text, expected] = l.split('\t');
    if (expected === undefined) throw new Error(`${file}:${i + 1}: no TAB between sentence and expected value`);
    rows.push({ line: i + 1, date, group, text: text.trim(), expected: expected.trim() });
  });
  return rows;
}
