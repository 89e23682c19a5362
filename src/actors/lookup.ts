import type { ActorDictionary } from './dictionary.js';
import type { ActorEntry, DatedCode } from './model.js';
import { codeOn, formatDatedCode } from './model.js';

export interface LookupResult {
  entry: ActorEntry;
  /** how the phrase names the entry: name, demonym or capital */
  role: string;
  /** a later layer (an imported dictionary on top of the defaults) */
  layer: number;
  /** the code used on the date, or null */
  used: DatedCode | null;
  codes: DatedCode[];
}

/** Every entry the phrase names exactly, with the code each gives on the date and all its intervals. */
export function lookupName(dict: ActorDictionary, phrase: string, date: string): LookupResult[] {
  return dict.find(phrase).map((f) => ({ entry: f.entry, role: f.role, layer: f.layer, used: codeOn(f.entry, date), codes: f.entry.codes }));
}

/** Human-readable lines for one result (used by `dyad actors lookup`). */
export function formatLookup(r: LookupResult, date: string): string[] {
  const e = r.entry;
  const lines = [`${e.id}  "${e.label}" (${e.kind}${r.role !== 'name' ? `, as ${r.role}` : ''}${r.layer ? ', imported' : ''})  ${e.origin}`];
  const sorted = [...r.codes].sort((a, b) => (a.from ?? '') < (b.from ?? '') ? -1 : 1);
  for (const c of sorted) {
    const used = c === r.used;
    const range = c.from || c.to ? `${c.from ?? '…'}..${c.to ?? '…'}` : '(default: outside every interval)';
    lines.push(`  ${used ? '→' : ' '} ${c.code.padEnd(10)} ${range}${c.role ? `  ${c.role}` : ''}${c.approx ? '  ~approximate' : ''}${used ? `   ← used on ${date}` : ''}`);
  }
  if (!r.used) lines.push(`    no code on ${date}: the name stays unresolved (code null)`);
  return lines;
}

export { formatDatedCode };
