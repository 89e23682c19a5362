import { dataPath } from '../core/paths.js';
import { readTsv } from '../core/tsv.js';
import type { PloverInfo } from '../core/event.js';

export interface CameoCode {
  code: string;
  name: string;
  goldstein: number;
  plover: PloverInfo;
}

let table: Map<string, CameoCode> | null = null;

/** The CAMEO code table (data/cameo/events.tsv): names, Goldstein weights and the CAMEO→PLOVER mapping. */
export function cameoTable(): Map<string, CameoCode> {
  if (table) return table;
  const { header, rows } = readTsv(dataPath('cameo', 'events.tsv'), { header: true });
  const col = (n: string) => (header ?? []).indexOf(n);
  const [ci, ni, gi, pt, pm, pc] = ['code', 'name', 'goldstein', 'plover_type', 'plover_mode', 'plover_context'].map(col);
  table = new Map();
  for (const r of rows) {
    const c = r.cells;
    const code = c[ci];
    table.set(code, {
      code,
      name: c[ni] ?? '',
      goldstein: Number(c[gi] ?? 0),
      plover: {
        type: c[pt] || null,
        mode: c[pm] || null,
        context: c[pc] ? c[pc].split(';').map((s) => s.trim()).filter(Boolean) : [],
      },
    });
  }
  return table;
}

export function isCameoCode(code: string): boolean {
  return cameoTable().has(code);
}

/** Code info, falling back to the nearest parent code (4-digit → 3-digit → root) for unknown leaves. */
export function cameoInfo(code: string): CameoCode | null {
  const t = cameoTable();
  for (let c = code; c.length >= 2; c = c.slice(0, -1)) {
    const hit = t.get(c);
    if (hit) return hit;
  }
  return null;
}
