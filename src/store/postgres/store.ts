/**
 * The PostgreSQL event store (pg): the SQLite store's schema and queries on a server many workers share.
 * Asynchronous (AsyncEventStore). Selected by `--db postgres://user@host:port/db` or DYAD_DB.
 */
import pg from 'pg';
import { DyadError } from '../../core/errors.js';
import type {
  ActorSummary, AsyncEventStore, Cluster, CodedDocument, DyadEventRow, EventDetail, EventFilter, EventRef, FailureInput,
  FailureRecord, FeedState, Network, Page, StoreStats, StoredDocument, StoredEvent, TimelinePoint, WriteResult,
} from '../types.js';
import type { OpenOptions } from '../sqlite/store.js';
import { MIGRATION_LOCK, PG_MIGRATIONS, PG_SCHEMA_VERSION } from './schema.js';
import { PostgresReader } from './read.js';
import { writeBatch } from './write.js';
import * as more from './more.js';

export interface PgOpenOptions extends OpenOptions {
  /** connections in the pool (default 4) */
  poolSize?: number;
}

/** bigint (ids, counts) and numeric as JS numbers: ids stay far below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** deadlock, serialization failure: the whole transaction is run again */
const RETRYABLE = new Set(['40P01', '40001']);
const TX_ATTEMPTS = 5;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

function storeError(what: string, e: unknown, where: string): DyadError {
  if (e instanceof DyadError) return e;
  return new DyadError('E_STORE', `${what}: ${(e as Error)?.message ?? String(e)}`, where);
}

export class PostgresStore implements AsyncEventStore {
  readonly kind = 'postgres';
  readonly location: string;
  private readonly reader: PostgresReader;

  private constructor(private readonly pool: pg.Pool, url: string) {
    this.location = redactUrl(url);
    this.reader = new PostgresReader(pool);
  }

  static async open(url: string, opts: PgOpenOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 4, types: TYPES, application_name: 'dyad' });
    pool.on('error', () => { /* an idle connection dropped; the next query reconnects or fails with E_STORE */ });
    const store = new PostgresStore(pool, url);
    try {
      await store.migrate(opts.create ?? true);
    } catch (e) {
      await pool.end().catch(() => {});
      throw storeError('cannot open the PostgreSQL store', e, store.location);
    }
    return store;
  }

  /** Run the missing migrations, serialised across processes by an advisory lock. */
  private async migrate(create: boolean): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const exists = (await c.query("SELECT to_regclass('dyad_schema') IS NOT NULL AS t")).rows[0].t as boolean;
      let current = 0;
      if (exists) current = Number((await c.query('SELECT max(version) AS v FROM dyad_schema')).rows[0].v ?? 0);
      else if (!create) throw new DyadError('E_STORE', "no dyad store in this database (run 'dyad ingest' or 'dyad worker' first)", this.location);
      if (current > PG_SCHEMA_VERSION) {
        throw new DyadError('E_STORE_VERSION', `schema version ${current} is newer than this dyad knows (${PG_SCHEMA_VERSION})`, this.location);
      }
      if (!exists) await c.query('CREATE TABLE dyad_schema (version integer PRIMARY KEY, description text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
      for (const m of PG_MIGRATIONS) {
        if (m.version <= current) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO dyad_schema (version, description) VALUES ($1, $2)', [m.version, m.description]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  private async read<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw storeError('cannot read the store', e, this.location);
    }
  }

  async schemaVersion(): Promise<number> {
    return this.read(async () => Number((await this.pool.query('SELECT max(version) AS v FROM dyad_schema')).rows[0].v));
  }

  async storedHashes(hashes: string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const r = await this.read(() => this.pool.query('SELECT hash FROM documents WHERE hash = ANY($1::text[])', [hashes]));
    return new Set(r.rows.map((x: { hash: string }) => x.hash));
  }

  async failedHashes(hashes: string[]): Promise<Map<string, string>> {
    if (!hashes.length) return new Map();
    const r = await this.read(() => this.pool.query('SELECT hash, code FROM failures WHERE hash = ANY($1::text[])', [hashes]));
    return new Map(r.rows.map((x: { hash: string; code: string }) => [x.hash, x.code]));
  }

  /** One transaction; run again on a deadlock or serialization failure (nothing was committed then). */
  async write(docs: CodedDocument[], failures: FailureInput[]): Promise<WriteResult> {
    if (!docs.length && !failures.length) return { stored: [] };
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw storeError('cannot write to the store', e, this.location);
    }
    let broken = false;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query('BEGIN');
          const r = await writeBatch(client, docs, failures);
          await client.query('COMMIT');
          return r;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => { broken = true; });
          const code = (e as { code?: string }).code;
          if (!broken && code && RETRYABLE.has(code) && attempt < TX_ATTEMPTS) continue;
          throw storeError('cannot write to the store', e, this.location);
        }
      }
    } finally {
      client.release(broken);
    }
  }

  storedUrls(urls: string[]): Promise<Set<string>> { return this.read(() => more.storedUrls(this.pool, urls)); }
  addUrls(entries: { url: string; hash: string }[]): Promise<void> { return this.read(() => more.addUrls(this.pool, entries)); }
  failedOrigins(origins: string[]): Promise<Map<string, string>> { return this.read(() => more.failedOrigins(this.pool, origins)); }
  feedState(url: string): Promise<FeedState | null> { return this.read(() => more.feedState(this.pool, url)); }
  saveFeedState(state: FeedState): Promise<void> { return this.read(() => more.saveFeedState(this.pool, state)); }
  feeds(): Promise<FeedState[]> { return this.read(() => more.feeds(this.pool)); }
  eachDyadEvent(f: EventFilter): AsyncIterable<DyadEventRow> { return more.eachDyadEvent(this.pool, f); }
  eventRefs(ids: number[]): Promise<Map<number, EventRef>> { return this.read(() => more.eventRefs(this.pool, ids)); }

  events(f: EventFilter): Promise<Page<StoredEvent>> { return this.read(() => this.reader.events(f)); }
  eachEvent(f: EventFilter): AsyncIterable<StoredEvent> { return this.reader.eachEvent(f); }
  event(id: number): Promise<EventDetail | null> { return this.read(() => this.reader.event(id)); }
  document(id: number, withText = true): Promise<StoredDocument | null> { return this.read(() => this.reader.document(id, withText)); }
  actors(f: EventFilter & { search?: string }): Promise<ActorSummary[]> { return this.read(() => this.reader.actors(f)); }
  network(f: EventFilter): Promise<Network> { return this.read(() => this.reader.network(f)); }
  timeline(f: EventFilter): Promise<TimelinePoint[]> { return this.read(() => this.reader.timeline(f)); }
  clusters(f: EventFilter & { minEvents?: number }): Promise<Page<Cluster>> { return this.read(() => this.reader.clusters(f)); }
  eachCluster(f: EventFilter): AsyncIterable<Cluster> { return this.reader.eachCluster(f); }
  clusterDocuments(id: number): Promise<StoredDocument[]> { return this.read(() => this.reader.clusterDocuments(id)); }
  failures(limit: number): Promise<FailureRecord[]> { return this.read(() => this.reader.failures(limit)); }

  async stats(): Promise<StoreStats> {
    const s = await this.read(() => this.reader.stats());
    return { ...s, schema_version: await this.schemaVersion() };
  }

  /** 'ok', or the invariants that do not hold (the counts kept on documents and clusters against the rows). */
  async integrityCheck(): Promise<string> {
    const r = (await this.read(() => this.pool.query(`SELECT
      (SELECT coalesce(sum(n_events), 0) FROM documents) = (SELECT count(*) FROM events) AS "document event counts",
      (SELECT coalesce(sum(n_sentences), 0) FROM documents) = (SELECT count(*) FROM sentences) AS "document sentence counts",
      (SELECT coalesce(sum(n_mentions), 0) FROM events) = (SELECT count(*) FROM event_mentions) AS "event mention counts",
      (SELECT coalesce(sum(n_events), 0) FROM clusters) = (SELECT count(*) FROM events WHERE cluster_id IS NOT NULL) AS "cluster event counts",
      (SELECT coalesce(sum(n_sources), 0) FROM clusters) = (SELECT count(*) FROM cluster_sources) AS "cluster source counts"`))).rows[0] as Record<string, boolean>;
    const bad = Object.entries(r).filter(([, ok]) => !ok).map(([k]) => `${k} disagree`);
    return bad.length ? bad.join('; ') : 'ok';
  }

  /** A read-only statement straight to the database (tests, diagnostics). */
  async query(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    return this.read(() => this.pool.query(sql, params));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
