/** Lean, keyset-paged read of the events between two coded actors: the input of the conflict-system view. */
import type Database from 'better-sqlite3';
import type { DyadEventRow, EventFilter } from '../types.js';
import { eventWhere } from './filter.js';

const CHUNK = 5000;
const COLUMNS = `e.id AS id, e.uid AS uid, d.ext_id AS doc, e.date AS date,
  e.source_code AS source_code, e.source_country AS source_country, e.source_sector AS source_sector,
  e.target_code AS target_code, e.target_country AS target_country, e.target_sector AS target_sector,
  e.cameo AS cameo, e.quad_class AS quad_class, e.goldstein AS goldstein, e.plover_type AS plover_type,
  e.location_country AS location_country, e.cluster_id AS cluster, e.evidence_text AS evidence_text`;

export function* eachDyadEvent(db: Database.Database, f: EventFilter): Iterable<DyadEventRow> {
  const w = eventWhere(f);
  const base = `${w.sql ? `${w.sql} AND` : 'WHERE'} e.source_code IS NOT NULL AND e.target_code IS NOT NULL AND e.negated = 0`;
  const sql = (after: boolean) => `SELECT ${COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id
    ${base}${after ? ' AND (e.date, e.id) > (?, ?)' : ''} ORDER BY e.date, e.id LIMIT ?`;
  const first = db.prepare(sql(false));
  const next = db.prepare(sql(true));
  let rows = first.all(...w.params, CHUNK) as DyadEventRow[];
  while (rows.length) {
    for (const r of rows) yield r;
    if (rows.length < CHUNK) return;
    const last = rows[rows.length - 1];
    rows = next.all(...w.params, last.date, last.id, CHUNK) as DyadEventRow[];
  }
}
