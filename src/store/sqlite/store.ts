/** The embedded SQLite event store (better-sqlite3, WAL). */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DyadError } from '../../core/errors.js';
import type { Event } from '../../core/event.js';
import type {
  ActorSummary, Cluster, CodedDocument, DyadEventRow, EventDetail, EventRef, EventFilter, EventStore, FailureInput, FailureRecord, Network,
  FeedState, Page, StoreStats, StoredDocument, StoredEvent, TimelinePoint, WriteResult,
} from '../types.js';
import { clusterKeyOf, keyString } from '../dedup.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { eventParams } from './rows.js';
import { SqliteReader } from './read.js';
import { FeedTable } from './feeds.js';
import { eachDyadEvent, eventRefs } from './dyads.js';

export interface OpenOptions {
  /** create the file (and schema) when missing; default true */
  create?: boolean;
}

type Db = Database.Database;

function wrap<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DyadError) throw e;
    throw new DyadError('E_STORE', `${what}: ${(e as Error).message}`);
  }
}

export function migrate(db: Db, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new DyadError('E_STORE_VERSION', `schema version ${current} is newer than this dyad knows (${SCHEMA_VERSION})`, file);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`); // an integer constant from MIGRATIONS, not user input
    }).immediate();
  }
  return SCHEMA_VERSION;
}

export class SqliteStore implements EventStore {
  readonly location: string;
  private readonly db: Db;
  private readonly reader: SqliteReader;
  private readonly stmts;
  private readonly feedTable: FeedTable;

  constructor(file: string, opts: OpenOptions = {}) {
    this.location = file;
    const create = opts.create ?? true;
    if (!create && file !== ':memory:' && !existsSync(file)) {
      throw new DyadError('E_STORE', "no store here (run 'dyad ingest' first, or give --db PATH)", file);
    }
    this.db = wrap(`cannot open ${file}`, () => new Database(file, { fileMustExist: !create }));
    try {
      wrap(`cannot open ${file}`, () => {
        this.db.pragma('busy_timeout = 5000');
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
        this.db.pragma('foreign_keys = ON');
        migrate(this.db, file);
      });
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.reader = new SqliteReader(this.db);
    this.stmts = this.prepareWrites();
    this.feedTable = new FeedTable(this.db);
  }

  private prepareWrites() {
    const db = this.db;
    const cols = Object.keys(eventParams(SAMPLE_EVENT as unknown as Event));
    return {
      doc: db.prepare(`INSERT INTO documents (ext_id, source, url, pub_date, text, hash, origin, added_at, n_sentences, n_events,
          feed, language, title, published_at, date_source)
        VALUES (@ext_id, @source, @url, @pub_date, @text, @hash, @origin, @added_at, @n_sentences, @n_events,
          @feed, @language, @title, @published_at, @date_source)
        ON CONFLICT (hash) DO NOTHING`),
      sentence: db.prepare('INSERT INTO sentences (doc_id, i, start, "end") VALUES (?, ?, ?, ?)'),
      fts: db.prepare('INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)'),
      event: db.prepare(`INSERT INTO events (${cols.join(', ')}, doc_id, sentence_id, n_mentions, cluster_id)
        VALUES (${cols.map((c) => '@' + c).join(', ')}, @doc_id, @sentence_id, @n_mentions, @cluster_id)`),
      mention: db.prepare(`INSERT INTO event_mentions (event_id, doc_id, sentence, uid, evidence_start, evidence_end, evidence_text, confidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      // counts are kept incrementally: one event per article is the rule, so a new article adds one document
      cluster: db.prepare(`INSERT INTO clusters (date, source_code, target_code, cameo, location_name, quad_class, goldstein,
          n_events, n_mentions, n_documents, n_sources)
        VALUES (@date, @source, @target, @cameo, @location, @quad, @goldstein, 1, @mentions, @newDoc, 0)
        ON CONFLICT (date, source_code, target_code, cameo, location_name) DO UPDATE SET
          n_events = n_events + 1, n_mentions = n_mentions + excluded.n_mentions, n_documents = n_documents + excluded.n_documents
        RETURNING id`),
      clusterSource: db.prepare('INSERT OR IGNORE INTO cluster_sources (cluster_id, source) VALUES (?, ?)'),
      countSource: db.prepare('UPDATE clusters SET n_sources = n_sources + 1 WHERE id = ?'),
      actor: db.prepare(`INSERT INTO actors (code, country, sector, name, as_source, as_target) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (code) DO UPDATE SET
          country = coalesce(actors.country, excluded.country),
          sector = coalesce(actors.sector, excluded.sector),
          name = coalesce(actors.name, excluded.name),
          as_source = actors.as_source + excluded.as_source,
          as_target = actors.as_target + excluded.as_target`),
      clearFailure: db.prepare("DELETE FROM failures WHERE hash = ? AND hash <> ''"),
      clearUrlFailure: db.prepare("DELETE FROM failures WHERE origin = ? AND hash = ''"),
      failure: db.prepare(`INSERT INTO failures (origin, hash, code, message, at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (origin, hash) DO UPDATE SET code = excluded.code, message = excluded.message, at = excluded.at`),
    };
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private inChunks<T>(hashes: string[], sql: (marks: string) => string, each: (row: T) => void): void {
    for (let i = 0; i < hashes.length; i += 500) {
      const chunk = hashes.slice(i, i + 500);
      const rows = this.db.prepare(sql(chunk.map(() => '?').join(', '))).all(...chunk) as T[];
      for (const r of rows) each(r);
    }
  }

  storedHashes(hashes: string[]): Set<string> {
    const found = new Set<string>();
    this.inChunks<{ hash: string }>(hashes, (m) => `SELECT hash FROM documents WHERE hash IN (${m})`, (r) => found.add(r.hash));
    return found;
  }

  failedHashes(hashes: string[]): Map<string, string> {
    const found = new Map<string, string>();
    this.inChunks<{ hash: string; code: string }>(hashes, (m) => `SELECT hash, code FROM failures WHERE hash IN (${m})`,
      (r) => found.set(r.hash, r.code));
    return found;
  }

  storedUrls(urls: string[]): Set<string> {
    const found = new Set<string>();
    this.inChunks<{ url: string }>(urls, (m) => `SELECT url FROM documents WHERE url IN (${m})`, (r) => found.add(r.url));
    this.inChunks<{ url: string }>(urls, (m) => `SELECT url FROM document_urls WHERE url IN (${m})`, (r) => found.add(r.url));
    return found;
  }

  addUrls(entries: { url: string; hash: string }[]): void {
    const add = this.db.prepare('INSERT OR IGNORE INTO document_urls (url, doc_id) SELECT ?, id FROM documents WHERE hash = ?');
    wrap('cannot write to the store', () => this.db.transaction(() => {
      for (const e of entries) add.run(e.url, e.hash);
    }).immediate());
  }

  failedOrigins(origins: string[]): Map<string, string> {
    const found = new Map<string, string>();
    this.inChunks<{ origin: string; code: string }>(origins,
      (m) => `SELECT origin, code FROM failures WHERE origin IN (${m})`, (r) => found.set(r.origin, r.code));
    return found;
  }

  feedState(url: string): FeedState | null { return wrap('cannot read feed state', () => this.feedTable.state(url)); }
  saveFeedState(state: FeedState): void { wrap('cannot write feed state', () => this.feedTable.save(state)); }
  feeds(): FeedState[] { return wrap('cannot read feed state', () => this.feedTable.list()); }

  write(docs: CodedDocument[], failures: FailureInput[]): WriteResult {
    const s = this.stmts;
    const now = new Date().toISOString();
    let stored: string[] = [];
    const run = this.db.transaction(() => {
      stored = [];
      for (const cd of docs) {
        const d = cd.doc;
        const info = s.doc.run({
          ext_id: d.extId, source: d.source, url: d.url, pub_date: d.date, text: d.text, hash: d.hash, origin: d.origin,
          added_at: now, n_sentences: cd.sentences.length, n_events: cd.events.length,
          feed: d.meta?.feed ?? null, language: d.meta?.language ?? null, title: d.meta?.title ?? null,
          published_at: d.meta?.publishedAt ?? null, date_source: d.meta?.dateSource ?? null,
        });
        if (info.changes === 0) continue; // same text already stored (another run got there first)
        const docId = Number(info.lastInsertRowid);
        stored.push(d.hash);
        s.clearFailure.run(d.hash);
        if (d.url) s.clearUrlFailure.run(d.url);
        const sentenceIds = new Map<number, number>();
        const docClusters = new Set<string>();
        for (const sn of cd.sentences) {
          const id = Number(s.sentence.run(docId, sn.i, sn.start, sn.end).lastInsertRowid);
          sentenceIds.set(sn.i, id);
          s.fts.run(id, d.text.slice(sn.start, sn.end));
        }
        for (const ce of cd.events) {
          const e = ce.event;
          let clusterId: number | null = null;
          if (e.source.code) {
            const k = clusterKeyOf(e);
            const keyStr = keyString(k);
            const row = s.cluster.get({
              date: k.date, source: k.source ?? '', target: k.target ?? '', cameo: k.cameo, location: k.location ?? '',
              quad: e.quad_class, goldstein: e.goldstein, mentions: ce.mentions.length, newDoc: docClusters.has(keyStr) ? 0 : 1,
            }) as { id: number };
            docClusters.add(keyStr);
            clusterId = row.id;
            if (d.source && s.clusterSource.run(clusterId, d.source).changes) s.countSource.run(clusterId);
          }
          const evId = Number(s.event.run({
            ...eventParams(e), doc_id: docId, sentence_id: sentenceIds.get(e.sentence) ?? null,
            n_mentions: ce.mentions.length, cluster_id: clusterId,
          }).lastInsertRowid);
          for (const m of ce.mentions) {
            s.mention.run(evId, docId, m.sentence, m.uid, m.evidence.start, m.evidence.end, m.evidence.text, m.confidence);
          }
          if (e.source.code) s.actor.run(e.source.code, e.source.country, e.source.sector, e.source.name, 1, 0);
          if (e.target?.code) s.actor.run(e.target.code, e.target.country, e.target.sector, e.target.name, 0, 1);
        }
      }
      for (const f of failures) s.failure.run(f.origin, f.hash, f.code, f.message, now);
    });
    wrap('cannot write to the store', () => run.immediate());
    this.reader.invalidate();
    return { stored };
  }

  events(f: EventFilter): Page<StoredEvent> { return this.reader.events(f); }
  eachEvent(f: EventFilter): Iterable<StoredEvent> { return this.reader.eachEvent(f); }
  eachDyadEvent(f: EventFilter): Iterable<DyadEventRow> { return eachDyadEvent(this.db, f); }
  eventRefs(ids: number[]): Map<number, EventRef> { return eventRefs(this.db, ids); }
  event(id: number): EventDetail | null { return this.reader.event(id); }
  document(id: number, withText = true): StoredDocument | null { return this.reader.document(id, withText); }
  actors(f: EventFilter & { search?: string }): ActorSummary[] { return this.reader.actors(f); }
  network(f: EventFilter): Network { return this.reader.network(f); }
  timeline(f: EventFilter): TimelinePoint[] { return this.reader.timeline(f); }
  clusters(f: EventFilter & { minEvents?: number }): Page<Cluster> { return this.reader.clusters(f); }
  eachCluster(f: EventFilter): Iterable<Cluster> { return this.reader.eachCluster(f); }
  clusterDocuments(id: number): StoredDocument[] { return this.reader.clusterDocuments(id); }
  failures(limit: number): FailureRecord[] { return this.reader.failures(limit); }
  stats(): StoreStats { return { ...this.reader.stats(), schema_version: this.schemaVersion() }; }

  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** A throw-away event used only to list the insert columns once. */
const SAMPLE_EVENT = {
  id: '', doc_id: '', sentence: 0, date: '', date_precision: 'day', source: { text: '', code: null, country: null, sector: null, name: null },
  target: null, cameo: '', cameo_root: '', quad_class: 1, goldstein: 0, plover: { type: null, mode: null, context: [] },
  location: null, negated: false, conditional: false, quote: false, speaker: null, confidence: 0, evidence: { start: 0, end: 0, text: '' },
} as const;
