/** Lean reads for the conflict-system view: events between two coded actors (a scan in rowid order, keyset
 *  paged), and the evidence of the few events it quotes. */
import type Database from 'better-sqlite3';
import type { DyadEventRow, EventFilter, EventRef } from '../types.js';
import { eventWhere } from './filter.js';

const CHUNK = 10_000;
const COLUMNS = `e.id AS id, e.date AS date,
  e.source_code AS source_code, e.source_country AS source_country, e.source_sector AS source_sector,
  e.target_code AS target_code, e.target_country AS target_country, e.target_sector AS target_sector,
  e.cameo AS cameo, e.quad_class AS quad_class, e.goldstein AS goldstein, e.plover_type AS plover_type,
  e.location_country AS location_country, e.cluster_id AS cluster`;

export function* eachDyadEvent(db: Database.Database, f: EventFilter): Iterable<DyadEventRow> {
  const w = eventWhere(f);
  const where = `${w.sql ? `${w.sql} AND` : 'WHERE'} e.source_code IS NOT NULL AND e.target_code IS NOT NULL AND e.negated = 0`;
  if (f.from || f.to) {
    // a date range: the date index, keyset on (date, id)
    const first = db.prepare(`SELECT ${COLUMNS} FROM events e ${where} ORDER BY e.date, e.id LIMIT ?`);
    const next = db.prepare(`SELECT ${COLUMNS} FROM events e ${where} AND (e.date, e.id) > (?, ?) ORDER BY e.date, e.id LIMIT ?`);
    let rows = first.all(...w.params, CHUNK) as DyadEventRow[];
    while (rows.length) {
      for (const r of rows) yield r;
      if (rows.length < CHUNK) return;
      const last = rows[rows.length - 1];
      rows = next.all(...w.params, last.date, last.id, CHUNK) as DyadEventRow[];
    }
    return;
  }
  // everything: a sequential scan in rowid order beats the date index when most events qualify
  const stmt = db.prepare(`SELECT ${COLUMNS} FROM events e NOT INDEXED ${where} AND e.id > ? ORDER BY e.id LIMIT ?`);
  let after = 0;
  for (;;) {
    const rows = stmt.all(...w.params, after, CHUNK) as DyadEventRow[];
    for (const r of rows) yield r;
    if (rows.length < CHUNK) return;
    after = rows[rows.length - 1].id;
  }
}

export function eventRefs(db: Database.Database, ids: number[]): Map<number, EventRef> {
  const out = new Map<number, EventRef>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = db.prepare(`SELECT e.id AS id, e.uid AS uid, d.ext_id AS doc, e.evidence_text AS text
      FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.id IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as (EventRef & { id: number })[];
    for (const r of rows) out.set(r.id, { uid: r.uid, doc: r.doc, text: r.text });
  }
  return out;
}
