/**
 * The PostgreSQL side of the store's later additions (SQLite: feeds.ts, dyads.ts, the URL methods): web
 * provenance (other URLs of a stored text, failures by origin), feed poll state, and the lean event reads of
 * the conflict-system view.
 */
import type pg from 'pg';
import type { DyadEventRow, EventFilter, EventRef, FeedState } from '../types.js';
import { eventWhere, Params } from './filter.js';

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function storedUrls(pool: pg.Pool, urls: string[]): Promise<Set<string>> {
  if (!urls.length) return new Set();
  const r = await pool.query(`SELECT url FROM documents WHERE url = ANY($1::text[])
    UNION SELECT url FROM document_urls WHERE url = ANY($1::text[])`, [urls]);
  return new Set(r.rows.map((x: { url: string }) => x.url));
}

export async function addUrls(pool: pg.Pool, entries: { url: string; hash: string }[]): Promise<void> {
  if (!entries.length) return;
  await pool.query(`INSERT INTO document_urls (url, doc_id)
    SELECT x.url, d.id FROM unnest($1::text[], $2::text[]) AS x(url, hash) JOIN documents d ON d.hash = x.hash
    ON CONFLICT (url) DO NOTHING`, [entries.map((e) => e.url), entries.map((e) => e.hash)]);
}

export async function failedOrigins(pool: pg.Pool, origins: string[]): Promise<Map<string, string>> {
  if (!origins.length) return new Map();
  const r = await pool.query('SELECT origin, code FROM failures WHERE origin = ANY($1::text[])', [origins]);
  return new Map(r.rows.map((x: { origin: string; code: string }) => [x.origin, x.code]));
}

function feedOf(r: Row): FeedState {
  return {
    url: String(r.url), etag: str(r.etag), lastModified: str(r.last_modified), checkedAt: str(r.checked_at),
    okAt: str(r.ok_at), status: str(r.status), error: str(r.error), failures: Number(r.failures ?? 0),
    retryAt: str(r.retry_at), items: Number(r.items ?? 0), stored: Number(r.stored ?? 0),
  };
}

export async function feedState(pool: pg.Pool, url: string): Promise<FeedState | null> {
  const r = await pool.query('SELECT * FROM feeds WHERE url = $1', [url]);
  return r.rows.length ? feedOf(r.rows[0] as Row) : null;
}

export async function saveFeedState(pool: pg.Pool, s: FeedState): Promise<void> {
  await pool.query(`INSERT INTO feeds (url, etag, last_modified, checked_at, ok_at, status, error, failures, retry_at, items, stored)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
      checked_at = excluded.checked_at, ok_at = excluded.ok_at, status = excluded.status, error = excluded.error,
      failures = excluded.failures, retry_at = excluded.retry_at, items = excluded.items, stored = excluded.stored`,
  [s.url, s.etag, s.lastModified, s.checkedAt, s.okAt, s.status, s.error, s.failures, s.retryAt, s.items, s.stored]);
}

export async function feeds(pool: pg.Pool): Promise<FeedState[]> {
  return (await pool.query('SELECT * FROM feeds ORDER BY url')).rows.map((r) => feedOf(r as Row));
}

const CHUNK = 10_000;
const DYAD_COLUMNS = `e.id AS id, e.date AS date,
  e.source_code AS source_code, e.source_country AS source_country, e.source_sector AS source_sector,
  e.target_code AS target_code, e.target_country AS target_country, e.target_sector AS target_sector,
  e.cameo AS cameo, e.quad_class AS quad_class, e.goldstein AS goldstein, e.plover_type AS plover_type,
  e.location_country AS location_country, e.cluster_id AS cluster`;

/** Events between two coded actors, not negated, in id order (keyset paged). */
export async function* eachDyadEvent(pool: pg.Pool, f: EventFilter): AsyncIterable<DyadEventRow> {
  let after = 0;
  for (;;) {
    const p = new Params();
    const w = eventWhere(f, p);
    const rows = (await pool.query(`SELECT ${DYAD_COLUMNS} FROM events e ${w ? `${w} AND` : 'WHERE'}
      e.source_code IS NOT NULL AND e.target_code IS NOT NULL AND NOT e.negated AND e.id > ${p.add(after)}
      ORDER BY e.id LIMIT ${p.add(CHUNK)}`, p.values)).rows as DyadEventRow[];
    for (const r of rows) yield r;
    if (rows.length < CHUNK) return;
    after = rows[rows.length - 1].id;
  }
}

export async function eventRefs(pool: pg.Pool, ids: number[]): Promise<Map<number, EventRef>> {
  const out = new Map<number, EventRef>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  const r = await pool.query(`SELECT e.id AS id, e.uid AS uid, d.ext_id AS doc, e.evidence_text AS text
    FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.id = ANY($1::bigint[])`, [unique]);
  for (const x of r.rows as (EventRef & { id: number })[]) out.set(x.id, { uid: x.uid, doc: x.doc, text: x.text });
  return out;
}
