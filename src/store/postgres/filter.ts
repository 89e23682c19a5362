/**
 * EventFilter → a parameterised WHERE clause for PostgreSQL ($1, $2...). The same conditions as
 * src/store/sqlite/filter.ts; full-text search goes through the tsvector of `sentences`.
 */
import type { EventFilter } from '../types.js';
import { ftsWords } from '../sqlite/filter.js';
import { TS_CONFIG } from './schema.js';

/** Bound values of one statement; add() returns the placeholder. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const prefixEnd = (p: string) => p + '\uffff';

/**
 * A free-text query as a tsquery built by Postgres itself: each word a phrase (so "don't" is "don" then
 * "t", as SQLite's FTS5 reads a quoted word), the words ANDed. No tsquery syntax gets through.
 */
export function tsQuery(q: string, p: Params): string | null {
  const words = ftsWords(q);
  if (!words.length) return null;
  return words.map((w) => `phraseto_tsquery('${TS_CONFIG}', ${p.add(w)})`).join(' && ');
}

export function eventWhere(f: EventFilter, p: Params, a = 'e'): string {
  const c: string[] = [];
  if (f.from) c.push(`${a}.date >= ${p.add(f.from)}`);
  if (f.to) c.push(`${a}.date <= ${p.add(f.to)}`);
  if (f.actor) {
    const lo = p.add(f.actor.toUpperCase());
    const hi = p.add(prefixEnd(f.actor.toUpperCase()));
    c.push(`((${a}.source_code >= ${lo} AND ${a}.source_code < ${hi}) OR (${a}.target_code >= ${lo} AND ${a}.target_code < ${hi}))`);
  }
  if (f.country) {
    const x = p.add(f.country.toUpperCase());
    c.push(`(${a}.source_country = ${x} OR ${a}.target_country = ${x})`);
  }
  if (f.cameo) c.push(`${a}.cameo >= ${p.add(f.cameo)} AND ${a}.cameo < ${p.add(prefixEnd(f.cameo))}`);
  if (f.cameoRoot) c.push(`${a}.cameo_root = ${p.add(f.cameoRoot.padStart(2, '0'))}`);
  if (f.plover) c.push(`${a}.plover_type = ${p.add(f.plover.toUpperCase())}`);
  if (f.quad) c.push(`${a}.quad_class = ${p.add(f.quad)}`);
  if (f.located) c.push(`${a}.location_lat IS NOT NULL AND ${a}.location_lon IS NOT NULL`);
  if (f.q) {
    const tq = tsQuery(f.q, p);
    if (tq) {
      c.push(`${a}.sentence_id IN (SELECT s.id FROM sentences s WHERE s.tsv @@ (${tq}))`);
    } else {
      c.push('FALSE');
    }
  }
  return c.length ? `WHERE ${c.join(' AND ')}` : '';
}

/** The same filter over `clusters c` (key fields; q, country, plover and located look at member events). */
export function clusterWhere(f: EventFilter & { minEvents?: number }, p: Params): string {
  const c: string[] = [];
  if (f.from) c.push(`c.date >= ${p.add(f.from)}`);
  if (f.to) c.push(`c.date <= ${p.add(f.to)}`);
  if (f.actor) {
    const lo = p.add(f.actor.toUpperCase());
    const hi = p.add(prefixEnd(f.actor.toUpperCase()));
    c.push(`((c.source_code >= ${lo} AND c.source_code < ${hi}) OR (c.target_code >= ${lo} AND c.target_code < ${hi}))`);
  }
  if (f.cameo) c.push(`c.cameo >= ${p.add(f.cameo)} AND c.cameo < ${p.add(prefixEnd(f.cameo))}`);
  if (f.cameoRoot) c.push(`substr(c.cameo, 1, 2) = ${p.add(f.cameoRoot.padStart(2, '0'))}`);
  if (f.quad) c.push(`c.quad_class = ${p.add(f.quad)}`);
  if (f.minEvents) c.push(`c.n_events >= ${p.add(f.minEvents)}`);
  if (f.country || f.plover || f.q || f.located) {
    const inner = eventWhere({ country: f.country, plover: f.plover, q: f.q, located: f.located }, p, 'm');
    c.push(`EXISTS (SELECT 1 FROM events m ${inner} AND m.cluster_id = c.id)`);
  }
  return c.length ? `WHERE ${c.join(' AND ')}` : '';
}
