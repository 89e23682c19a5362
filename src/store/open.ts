/** Open the event store named on the command line: a SQLite file path (the embedded default). */
import { DyadError } from '../core/errors.js';
import type { EventStore } from './types.js';
import { SqliteStore, type OpenOptions } from './sqlite/store.js';

export const DEFAULT_DB = 'dyad.db';

export function openStore(location: string = DEFAULT_DB, opts: OpenOptions = {}): EventStore {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new DyadError('E_STORE', 'the PostgreSQL store is not available yet; give a SQLite file path', location);
  }
  return new SqliteStore(location, opts);
}
