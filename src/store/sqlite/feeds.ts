/** Feed poll state (`feeds` table, migration 4): conditional GET validators, last outcome, backoff. */
import type Database from 'better-sqlite3';
import type { FeedState } from '../types.js';

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function fromRow(r: Row): FeedState {
  return {
    url: String(r.url), etag: str(r.etag), lastModified: str(r.last_modified), checkedAt: str(r.checked_at),
    okAt: str(r.ok_at), status: str(r.status), error: str(r.error), failures: Number(r.failures ?? 0),
    retryAt: str(r.retry_at), items: Number(r.items ?? 0), stored: Number(r.stored ?? 0),
  };
}

export class FeedTable {
  private readonly get;
  private readonly all;
  private readonly put;

  constructor(db: Database.Database) {
    this.get = db.prepare('SELECT * FROM feeds WHERE url = ?');
    this.all = db.prepare('SELECT * FROM feeds ORDER BY url');
    this.put = db.prepare(`INSERT INTO feeds (url, etag, last_modified, checked_at, ok_at, status, error, failures, retry_at, items, stored)
      VALUES (@url, @etag, @lastModified, @checkedAt, @okAt, @status, @error, @failures, @retryAt, @items, @stored)
      ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
        checked_at = excluded.checked_at, ok_at = excluded.ok_at, status = excluded.status, error = excluded.error,
        failures = excluded.failures, retry_at = excluded.retry_at, items = excluded.items, stored = excluded.stored`);
  }

  state(url: string): FeedState | null {
    const r = this.get.get(url) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  save(s: FeedState): void {
    this.put.run({ ...s });
  }

  list(): FeedState[] {
    return (this.all.all() as Row[]).map(fromRow);
  }
}
