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

let overrides: Map<string, { heads: Set<string>; type: string; mode: string | null }[]> | null = null;

/**
 * The PLOVER type of an event whose CAMEO code the manual splits by wording (data/plover/overrides.tsv):
 * "indicted" and "arrested" are both CAMEO 173, but PLOVER types an indictment ACCUSE/allege and an arrest
 * COERCE/arrest. `pattern` is the matched pattern's text; its first word is the verb or noun lemma.
 */
export function ploverOverride(code: string, pattern: string): PloverInfo | null {
  if (!overrides) {
    overrides = new Map();
    for (const r of readTsv(dataPath('plover', 'overrides.tsv')).rows) {
      const [c, heads, type, mode] = r.cells;
      let list = overrides.get(c);
      if (!list) overrides.set(c, (list = []));
      list.push({ heads: new Set(heads.split('|').map((h) => h.trim())), type, mode: mode || null });
    }
  }
  const list = overrides.get(code);
  if (!list) return null;
  const head = pattern.trim().split(/\s+/)[0] ?? '';
  const hit = list.find((o) => o.heads.has(head));
  if (!hit) return null;
  return { type: hit.type, mode: hit.mode, context: [...(cameoInfo(code)?.plover.context ?? [])] };
}
