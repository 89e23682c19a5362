/** Read-side queries of the SQLite store. Every value goes in as a bound parameter. */
import type Database from 'better-sqlite3';
import type {
  ActorSummary, Cluster, EventDetail, EventFilter, FailureRecord, Network, NetworkEdge, NetworkNode, Page, StoreStats,
  StoredDocument, StoredEvent, StoredMention, TimelinePoint,
} from '../types.js';
import { MERGE_FIELDS } from '../dedup.js';
import { EVENT_COLUMNS, rowToEvent } from './rows.js';
import { clusterWhere, eventWhere, hasEventFilter } from './filter.js';

type Row = Record<string, unknown>;
const FROM_EVENTS = 'FROM events e JOIN documents d ON d.id = e.doc_id';
const CHUNK = 1000;
const MEMBER_CAP = 100;

export function pageOf(f: EventFilter, defLimit = 50, maxLimit = 1000): { limit: number; offset: number } {
  const limit = Math.min(Math.max(1, Math.floor(f.limit ?? defLimit)), maxLimit);
  const offset = Math.max(0, Math.floor(f.offset ?? 0));
  return { limit, offset };
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
export const DOC_META = 'feed, language, title, published_at, date_source';

export function docRow(r: Row, withText: boolean): StoredDocument {
  const d: StoredDocument = {
    id: r.id as number, ext_id: String(r.ext_id), source: (r.source as string | null) ?? null, url: (r.url as string | null) ?? null,
    date: String(r.pub_date), hash: String(r.hash), origin: (r.origin as string | null) ?? null, added_at: String(r.added_at),
    sentences: r.n_sentences as number, events: r.n_events as number,
    feed: str(r.feed), language: str(r.language), title: str(r.title), published_at: str(r.published_at), date_source: str(r.date_source),
  };
  if (withText) d.text = String(r.text);
  return d;
}

export class SqliteReader {
  constructor(private readonly db: Database.Database) {}

  events(f: EventFilter): Page<StoredEvent> {
    const w = eventWhere(f);
    const { limit, offset } = pageOf(f);
    const total = this.db.prepare(`SELECT count(*) FROM events e ${w.sql}`).pluck().get(...w.params) as number;
    const rows = this.db.prepare(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} ${w.sql} ORDER BY e.date DESC, e.id DESC LIMIT ? OFFSET ?`)
      .all(...w.params, limit, offset) as Row[];
    return { total, limit, offset, items: rows.map(rowToEvent) };
  }

  /** Keyset-paged in chunks, so no statement stays open while the caller works between items. */
  *eachEvent(f: EventFilter): Iterable<StoredEvent> {
    const w = eventWhere(f);
    const glue = w.sql ? ' AND' : 'WHERE';
    const first = this.db.prepare(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} ${w.sql} ORDER BY e.date, e.id LIMIT ?`);
    const next = this.db.prepare(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} ${w.sql}${glue} (e.date, e.id) > (?, ?) ORDER BY e.date, e.id LIMIT ?`);
    let rows = first.all(...w.params, CHUNK) as Row[];
    while (rows.length) {
      for (const r of rows) yield rowToEvent(r);
      if (rows.length < CHUNK) return;
      const last = rows[rows.length - 1];
      rows = next.all(...w.params, last.date, last.id, CHUNK) as Row[];
    }
  }

  event(id: number): EventDetail | null {
    const r = this.db.prepare(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} WHERE e.id = ?`).get(id) as Row | undefined;
    if (!r) return null;
    const event = rowToEvent(r);
    const mentions = (this.db.prepare('SELECT * FROM event_mentions WHERE event_id = ? ORDER BY evidence_start, id').all(id) as Row[])
      .map((m): StoredMention => ({
        id: m.id as number, event: m.event_id as number, sentence: m.sentence as number, uid: String(m.uid),
        evidence: { start: m.evidence_start as number, end: m.evidence_end as number, text: String(m.evidence_text) },
        confidence: m.confidence as number,
      }));
    const document = this.document(event.store.doc, true) as StoredDocument & { text: string };
    let cluster: EventDetail['cluster'] = null;
    if (event.store.cluster !== null) {
      const c = this.db.prepare('SELECT * FROM clusters c WHERE c.id = ?').get(event.store.cluster) as Row | undefined;
      if (c) {
        const { representative: _r, ...rest } = this.clusterOf(c, false);
        cluster = rest;
      }
    }
    return { event, mentions, document, cluster };
  }

  document(id: number, withText: boolean): StoredDocument | null {
    const cols = withText ? '*' : `id, ext_id, source, url, pub_date, hash, origin, added_at, n_sentences, n_events, ${DOC_META}`;
    const r = this.db.prepare(`SELECT ${cols} FROM documents WHERE id = ?`).get(id) as Row | undefined;
    return r ? docRow(r, withText) : null;
  }

  clusterDocuments(clusterId: number): StoredDocument[] {
    const rows = this.db.prepare(`SELECT DISTINCT d.id, d.ext_id, d.source, d.url, d.pub_date, d.hash, d.origin, d.added_at, d.n_sentences, d.n_events,
      d.feed, d.language, d.title, d.published_at, d.date_source FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.cluster_id = ? ORDER BY d.id`).all(clusterId) as Row[];
    return rows.map((r) => docRow(r, false));
  }

  actors(f: EventFilter & { search?: string }): ActorSummary[] {
    const { limit } = pageOf(f, 100, 1000);
    const search = f.search ? `%${f.search.toUpperCase()}%` : null;
    if (!hasEventFilter(f)) {
      const rows = this.db.prepare(`SELECT code, country, sector, name, as_source, as_target, as_source + as_target AS events FROM actors
        WHERE (? IS NULL OR upper(code) LIKE ? OR upper(coalesce(name, '')) LIKE ?)
        ORDER BY events DESC, code LIMIT ?`).all(search, search, search, limit) as Row[];
      return rows as unknown as ActorSummary[];
    }
    const w = eventWhere(f);
    const rows = this.db.prepare(`WITH roles AS (
        SELECT e.source_code AS code, 1 AS s, 0 AS t FROM events e ${w.sql}
        UNION ALL SELECT e.target_code, 0, 1 FROM events e ${w.sql})
      SELECT r.code, a.country, a.sector, a.name, sum(r.s) AS as_source, sum(r.t) AS as_target, count(*) AS events
      FROM roles r LEFT JOIN actors a ON a.code = r.code
      WHERE r.code IS NOT NULL AND (? IS NULL OR upper(r.code) LIKE ? OR upper(coalesce(a.name, '')) LIKE ?)
      GROUP BY r.code ORDER BY events DESC, r.code LIMIT ?`).all(...w.params, ...w.params, search, search, search, limit) as Row[];
    return rows as unknown as ActorSummary[];
  }

  network(f: EventFilter): Network {
    const w = eventWhere(f);
    const { limit } = pageOf(f, 150, 2000);
    const glue = w.sql ? ' AND' : 'WHERE';
    const edges = (this.db.prepare(`SELECT e.source_code AS source, e.target_code AS target, e.quad_class AS quad_class, count(*) AS weight
      FROM events e ${w.sql}${glue} e.source_code IS NOT NULL AND e.target_code IS NOT NULL
      GROUP BY e.source_code, e.target_code, e.quad_class ORDER BY weight DESC, source, target LIMIT ?`)
      .all(...w.params, limit) as Row[]) as unknown as NetworkEdge[];
    const weight = new Map<string, number>();
    for (const e of edges) {
      weight.set(e.source, (weight.get(e.source) ?? 0) + e.weight);
      weight.set(e.target, (weight.get(e.target) ?? 0) + e.weight);
    }
    const info = this.db.prepare('SELECT code, country, sector, name FROM actors WHERE code = ?');
    const nodes: NetworkNode[] = [...weight].map(([id, events]) => {
      const a = info.get(id) as Row | undefined;
      return {
        id, label: id, events,
        country: (a?.country as string | null) ?? null, sector: (a?.sector as string | null) ?? null,
      };
    });
    return { nodes, edges };
  }

  timeline(f: EventFilter): TimelinePoint[] {
    const w = eventWhere(f);
    const rows = this.db.prepare(`SELECT e.date AS date, e.quad_class AS q, count(*) AS n FROM events e ${w.sql}
      GROUP BY e.date, e.quad_class ORDER BY e.date`).all(...w.params) as { date: string; q: number; n: number }[];
    const out: TimelinePoint[] = [];
    for (const r of rows) {
      let p = out[out.length - 1];
      if (!p || p.date !== r.date) out.push(p = { date: r.date, q1: 0, q2: 0, q3: 0, q4: 0, total: 0 });
      p[`q${r.q}` as 'q1'] += r.n;
      p.total += r.n;
    }
    return out;
  }

  private clusterOf(c: Row, withRepresentative: boolean): Cluster {
    const members = this.db.prepare('SELECT id FROM events WHERE cluster_id = ? ORDER BY id LIMIT ?').pluck()
      .all(c.id, MEMBER_CAP) as number[];
    let representative: StoredEvent | null = null;
    if (withRepresentative && members.length) {
      const r = this.db.prepare(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} WHERE e.id = ?`).get(members[0]) as Row | undefined;
      representative = r ? rowToEvent(r) : null;
    }
    const orNull = (v: unknown) => (v === '' ? null : String(v));
    return {
      id: c.id as number,
      key: { date: String(c.date), source: orNull(c.source_code), target: orNull(c.target_code), cameo: String(c.cameo), location: orNull(c.location_name) },
      merged_on: [...MERGE_FIELDS],
      quad_class: c.quad_class as Cluster['quad_class'],
      goldstein: c.goldstein as number,
      events: c.n_events as number,
      mentions: c.n_mentions as number,
      documents: c.n_documents as number,
      sources: c.n_sources as number,
      members,
      representative,
    };
  }

  clusters(f: EventFilter & { minEvents?: number }): Page<Cluster> {
    const w = clusterWhere(f);
    const { limit, offset } = pageOf(f);
    const total = this.db.prepare(`SELECT count(*) FROM clusters c ${w.sql}`).pluck().get(...w.params) as number;
    const rows = this.db.prepare(`SELECT c.* FROM clusters c ${w.sql} ORDER BY c.n_mentions DESC, c.date DESC, c.id LIMIT ? OFFSET ?`)
      .all(...w.params, limit, offset) as Row[];
    return { total, limit, offset, items: rows.map((r) => this.clusterOf(r, true)) };
  }

  *eachCluster(f: EventFilter): Iterable<Cluster> {
    const w = clusterWhere(f);
    const glue = w.sql ? ' AND' : 'WHERE';
    const stmt = this.db.prepare(`SELECT c.* FROM clusters c ${w.sql}${glue} (c.date, c.id) > (?, ?) ORDER BY c.date, c.id LIMIT ?`);
    let last: [string, number] = ['', 0];
    for (;;) {
      const rows = stmt.all(...w.params, last[0], last[1], CHUNK) as Row[];
      const items = rows.map((r) => this.clusterOf(r, true));
      for (const c of items) yield c;
      if (rows.length < CHUNK) return;
      last = [String(rows[rows.length - 1].date), rows[rows.length - 1].id as number];
    }
  }

  failures(limit: number): FailureRecord[] {
    return this.db.prepare('SELECT id, origin, hash, code, message, at FROM failures ORDER BY id DESC LIMIT ?').all(limit) as FailureRecord[];
  }

  private statsCache: { key: string; value: Omit<StoreStats, 'schema_version'> } | null = null;

  /** Forget cached aggregates (after a write through this connection). */
  invalidate(): void {
    this.statsCache = null;
  }

  /** Counts, cached until the data changes (data_version moves when another connection commits). */
  stats(): Omit<StoreStats, 'schema_version'> {
    const key = String(this.db.pragma('data_version', { simple: true }));
    if (this.statsCache?.key === key) return this.statsCache.value;
    const value = this.countAll();
    this.statsCache = { key, value };
    return value;
  }

  private countAll(): Omit<StoreStats, 'schema_version'> {
    const n = (sql: string) => this.db.prepare(sql).pluck().get() as number;
    const range = this.db.prepare('SELECT min(date) AS first, max(date) AS last FROM events').get() as { first: string | null; last: string | null };
    return {
      documents: n('SELECT count(*) FROM documents'),
      sentences: n('SELECT count(*) FROM sentences'),
      events: n('SELECT count(*) FROM events'),
      mentions: n('SELECT count(*) FROM event_mentions'),
      clusters: n('SELECT count(*) FROM clusters'),
      actors: n('SELECT count(*) FROM actors'),
      failures: n('SELECT count(*) FROM failures'),
      located_events: n('SELECT count(*) FROM events WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL'),
      first_date: range.first,
      last_date: range.last,
    };
  }
}
