import { readFileSync } from 'node:fs';
import { DyadError } from './errors.js';

export interface TsvRow {
  cells: string[];
  line: number;
}

/** Read a tab-separated data file: '#' lines and blank lines skipped; a header row is kept if asked. */
export function readTsv(file: string, opts: { header?: boolean } = {}): { header: string[] | null; rows: TsvRow[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DyadError('E_DICT_READ', `cannot read ${file}: ${(e as Error).message}`);
  }
  const rows: TsvRow[] = [];
  let header: string[] | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim() || l.startsWith('#')) continue;
    const cells = l.split('\t').map((c) => c.trim());
    if (opts.header && !header) {
      header = cells;
      continue;
    }
    rows.push({ cells, line: i + 1 });
  }
  return { header, rows };
}
