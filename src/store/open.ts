/**
 * Open the event store named on the command line: a SQLite file path (the embedded default) or a
 * PostgreSQL URL (postgres://user@host:port/db). `--db` wins over the DYAD_DB environment variable.
 */
import { DyadError } from '../core/errors.js';
import type { AsyncEventStore, EventStore } from './types.js';
import { SqliteStore, type OpenOptions } from './sqlite/store.js';
import { asyncStore } from './async.js';

export const DEFAULT_DB = 'dyad.db';

/** The store location: --db, else $DYAD_DB, else dyad.db. */
export function dbLocation(cli?: string | null): string {
  return cli || process.env.DYAD_DB || DEFAULT_DB;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The synchronous store: SQLite only (PostgreSQL is reached through openAsyncStore). */
export function openStore(location: string = DEFAULT_DB, opts: OpenOptions = {}): EventStore {
  if (isPostgresUrl(location)) {
    throw new DyadError('E_STORE', 'this command needs a SQLite file; the PostgreSQL store is used by ingest, worker, export and serve', location);
  }
  return new SqliteStore(location, opts);
}

/** Either backend behind the asynchronous interface. pg is only loaded for a PostgreSQL URL. */
export async function openAsyncStore(location: string = DEFAULT_DB, opts: OpenOptions = {}): Promise<AsyncEventStore> {
  if (isPostgresUrl(location)) {
    const { PostgresStore } = await import('./postgres/store.js');
    return PostgresStore.open(location, opts);
  }
  return asyncStore(new SqliteStore(location, opts));
}

/** A store opened for a reading command: SQLite directly (fast synchronous reads) or PostgreSQL. */
export type ReadStore = { kind: 'sqlite'; store: EventStore } | { kind: 'postgres'; store: AsyncEventStore };

/** Open the --db location for reading with the interface that suits it; close with closeReadStore. */
export async function openReadStore(location: string, opts: OpenOptions = {}): Promise<ReadStore> {
  return isPostgresUrl(location) ? { kind: 'postgres', store: await openAsyncStore(location, opts) } : { kind: 'sqlite', store: openStore(location, opts) };
}

export async function closeReadStore(r: ReadStore): Promise<void> {
  if (r.kind === 'postgres') await r.store.close();
  else r.store.close();
}
