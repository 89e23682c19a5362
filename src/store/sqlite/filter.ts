/** EventFilter → a parameterised WHERE clause over `events e`. Values are never spliced into SQL text. */
import type { EventFilter } from '../types.js';

export interface Where {
  sql: string;
  params: unknown[];
}

/** Upper bound for a prefix range scan: every string starting with p sorts in [p, p + U+FFFF). */
const prefixEnd = (p: string) => p + '\uffff';

/** The words of a free-text query (at most 16); shared with the PostgreSQL store. */
export function ftsWords(q: string): string[] {
  return (q.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).slice(0, 16);
}

/** Words of a free-text query as an FTS5 expression: each word quoted (no FTS syntax reaches SQLite). */
export function ftsQuery(q: string): string | null {
  const words = ftsWords(q);
  if (!words.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ');
}

export function eventWhere(f: EventFilter, alias = 'e'): Where {
  const c: string[] = [];
  const p: unknown[] = [];
  const a = alias;
  if (f.from) { c.push(`${a}.date >= ?`); p.push(f.from); }
  if (f.to) { c.push(`${a}.date <= ?`); p.push(f.to); }
  if (f.actor) {
    const x = f.actor.toUpperCase();
    c.push(`((${a}.source_code >= ? AND ${a}.source_code < ?) OR (${a}.target_code >= ? AND ${a}.target_code < ?))`);
    p.push(x, prefixEnd(x), x, prefixEnd(x));
  }
  if (f.country) {
    const x = f.country.toUpperCase();
    c.push(`(${a}.source_country = ? OR ${a}.target_country = ?)`);
    p.push(x, x);
  }
  if (f.cameo) { c.push(`${a}.cameo >= ? AND ${a}.cameo < ?`); p.push(f.cameo, prefixEnd(f.cameo)); }
  if (f.cameoRoot) { c.push(`${a}.cameo_root = ?`); p.push(f.cameoRoot.padStart(2, '0')); }
  if (f.plover) { c.push(`${a}.plover_type = ?`); p.push(f.plover.toUpperCase()); }
  if (f.quad) { c.push(`${a}.quad_class = ?`); p.push(f.quad); }
  if (f.located) c.push(`${a}.location_lat IS NOT NULL AND ${a}.location_lon IS NOT NULL`);
  if (f.q) {
    const fq = ftsQuery(f.q);
    if (fq) {
      c.push(`${a}.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`);
      p.push(fq);
    } else {
      c.push('0');
    }
  }
  return { sql: c.length ? `WHERE ${c.join(' AND ')}` : '', params: p };
}

/** True when the filter restricts events at all (ignoring paging). */
export function hasEventFilter(f: EventFilter): boolean {
  return !!(f.from || f.to || f.actor || f.country || f.cameo || f.cameoRoot || f.plover || f.quad || f.q || f.located);
}

/** The same filter over the `clusters c` table (key fields only; q, country and plover look at member events). */
export function clusterWhere(f: EventFilter & { minEvents?: number }): Where {
  const c: string[] = [];
  const p: unknown[] = [];
  if (f.from) { c.push('c.date >= ?'); p.push(f.from); }
  if (f.to) { c.push('c.date <= ?'); p.push(f.to); }
  if (f.actor) {
    const x = f.actor.toUpperCase();
    c.push('((c.source_code >= ? AND c.source_code < ?) OR (c.target_code >= ? AND c.target_code < ?))');
    p.push(x, prefixEnd(x), x, prefixEnd(x));
  }
  if (f.cameo) { c.push('c.cameo >= ? AND c.cameo < ?'); p.push(f.cameo, prefixEnd(f.cameo)); }
  if (f.cameoRoot) { c.push('substr(c.cameo, 1, 2) = ?'); p.push(f.cameoRoot.padStart(2, '0')); }
  if (f.quad) { c.push('c.quad_class = ?'); p.push(f.quad); }
  if (f.minEvents) { c.push('c.n_events >= ?'); p.push(f.minEvents); }
  if (f.country || f.plover || f.q || f.located) {
    const inner = eventWhere({ country: f.country, plover: f.plover, q: f.q, located: f.located }, 'm');
    c.push(`EXISTS (SELECT 1 FROM events m ${inner.sql} AND m.cluster_id = c.id)`);
    p.push(...inner.params);
  }
  return { sql: c.length ? `WHERE ${c.join(' AND ')}` : '', params: p };
}
