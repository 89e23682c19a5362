/** Read-side queries of the PostgreSQL store: the SQLite reader's queries in Postgres SQL, values bound. */
import type pg from 'pg';
import type {
  ActorSummary, Cluster, EventDetail, EventFilter, FailureRecord, Network, NetworkEdge, NetworkNode, Page, StoreStats,
  StoredDocument, StoredEvent, StoredMention, TimelinePoint,
} from '../types.js';
import { MERGE_FIELDS } from '../dedup.js';
import { EVENT_COLUMNS, rowToEvent } from '../sqlite/rows.js';
import { docRow, DOC_META, pageOf } from '../sqlite/read.js';
import { clusterWhere, eventWhere, Params } from './filter.js';

type Row = Record<string, unknown>;
const FROM_EVENTS = 'FROM events e JOIN documents d ON d.id = e.doc_id';
const CHUNK = 1000;
const MEMBER_CAP = 100;
const DOC_COLS = `id, ext_id, source, url, pub_date, hash, origin, added_at, n_sentences, n_events, ${DOC_META}`;

export class PostgresReader {
  constructor(private readonly pool: pg.Pool) {}

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  private async one(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.rows(sql, params))[0];
  }

  async events(f: EventFilter): Promise<Page<StoredEvent>> {
    const p = new Params();
    const w = eventWhere(f, p);
    const { limit, offset } = pageOf(f);
    const total = Number((await this.one(`SELECT count(*) AS n FROM events e ${w}`, p.values))!.n);
    const rows = await this.rows(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} ${w} ORDER BY e.date DESC, e.id DESC
      LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values);
    return { total, limit, offset, items: rows.map(rowToEvent) };
  }

  /** Keyset-paged in chunks: no cursor stays open while the caller works between items. */
  async *eachEvent(f: EventFilter): AsyncIterable<StoredEvent> {
    let last: [string, number] | null = null;
    for (;;) {
      const p = new Params();
      const w = eventWhere(f, p);
      const after: string = last ? `${w ? `${w} AND` : 'WHERE'} (e.date, e.id) > (${p.add(last[0])}, ${p.add(last[1])})` : w;
      const rows = await this.rows(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} ${after} ORDER BY e.date, e.id LIMIT ${p.add(CHUNK)}`, p.values);
      for (const r of rows) yield rowToEvent(r);
      if (rows.length < CHUNK) return;
      const r = rows[rows.length - 1];
      last = [String(r.date), r.id as number];
    }
  }

  async event(id: number): Promise<EventDetail | null> {
    const r = await this.one(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} WHERE e.id = $1`, [id]);
    if (!r) return null;
    const event = rowToEvent(r);
    const mentions = (await this.rows('SELECT * FROM event_mentions WHERE event_id = $1 ORDER BY evidence_start, id', [id]))
      .map((m): StoredMention => ({
        id: m.id as number, event: m.event_id as number, sentence: m.sentence as number, uid: String(m.uid),
        evidence: { start: m.evidence_start as number, end: m.evidence_end as number, text: String(m.evidence_text) },
        confidence: m.confidence as number,
      }));
    const document = (await this.document(event.store.doc, true)) as StoredDocument & { text: string };
    let cluster: EventDetail['cluster'] = null;
    if (event.store.cluster !== null) {
      const c = await this.one('SELECT * FROM clusters c WHERE c.id = $1', [event.store.cluster]);
      if (c) {
        const { representative: _r, ...rest } = await this.clusterOf(c, false);
        cluster = rest;
      }
    }
    return { event, mentions, document, cluster };
  }

  async document(id: number, withText: boolean): Promise<StoredDocument | null> {
    const r = await this.one(`SELECT ${withText ? '*' : DOC_COLS} FROM documents WHERE id = $1`, [id]);
    return r ? docRow(r, withText) : null;
  }

  async clusterDocuments(clusterId: number): Promise<StoredDocument[]> {
    const rows = await this.rows(`SELECT DISTINCT ${DOC_COLS.split(', ').map((c) => 'd.' + c).join(', ')}
      FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.cluster_id = $1 ORDER BY d.id`, [clusterId]);
    return rows.map((r) => docRow(r, false));
  }

  async actors(f: EventFilter & { search?: string }): Promise<ActorSummary[]> {
    const { limit } = pageOf(f, 100, 1000);
    const search = f.search ? `%${f.search.toUpperCase()}%` : null;
    const p = new Params();
    const hasFilter = !!(f.from || f.to || f.actor || f.country || f.cameo || f.cameoRoot || f.plover || f.quad || f.q || f.located);
    if (!hasFilter) {
      const s = p.add(search);
      return await this.rows(`SELECT code, country, sector, name, as_source, as_target, as_source + as_target AS events FROM actors
        WHERE (${s}::text IS NULL OR upper(code) LIKE ${s} OR upper(coalesce(name, '')) LIKE ${s})
        ORDER BY events DESC, code LIMIT ${p.add(limit)}`, p.values) as unknown as ActorSummary[];
    }
    const w = eventWhere(f, p);
    const s = p.add(search);
    return await this.rows(`WITH roles AS (
        SELECT e.source_code AS code, 1 AS s, 0 AS t FROM events e ${w}
        UNION ALL SELECT e.target_code, 0, 1 FROM events e ${w})
      SELECT r.code, a.country, a.sector, a.name, sum(r.s)::int AS as_source, sum(r.t)::int AS as_target, count(*) AS events
      FROM roles r LEFT JOIN actors a ON a.code = r.code
      WHERE r.code IS NOT NULL AND (${s}::text IS NULL OR upper(r.code) LIKE ${s} OR upper(coalesce(a.name, '')) LIKE ${s})
      GROUP BY r.code, a.country, a.sector, a.name ORDER BY events DESC, r.code LIMIT ${p.add(limit)}`, p.values) as unknown as ActorSummary[];
  }

  async network(f: EventFilter): Promise<Network> {
    const p = new Params();
    const w = eventWhere(f, p);
    const { limit } = pageOf(f, 150, 2000);
    const glue = w ? `${w} AND` : 'WHERE';
    const edges = (await this.rows(`SELECT e.source_code AS source, e.target_code AS target, e.quad_class AS quad_class, count(*) AS weight
      FROM events e ${glue} e.source_code IS NOT NULL AND e.target_code IS NOT NULL
      GROUP BY e.source_code, e.target_code, e.quad_class ORDER BY weight DESC, source, target LIMIT ${p.add(limit)}`, p.values)) as unknown as NetworkEdge[];
    const weight = new Map<string, number>();
    for (const e of edges) {
      weight.set(e.source, (weight.get(e.source) ?? 0) + e.weight);
      weight.set(e.target, (weight.get(e.target) ?? 0) + e.weight);
    }
    const info = new Map((await this.rows('SELECT code, country, sector FROM actors WHERE code = ANY($1::text[])', [[...weight.keys()]]))
      .map((a) => [String(a.code), a]));
    const nodes: NetworkNode[] = [...weight].map(([id, events]) => {
      const a = info.get(id);
      return { id, label: id, events, country: (a?.country as string | null) ?? null, sector: (a?.sector as string | null) ?? null };
    });
    return { nodes, edges };
  }

  async timeline(f: EventFilter): Promise<TimelinePoint[]> {
    const p = new Params();
    const w = eventWhere(f, p);
    const rows = await this.rows(`SELECT e.date AS date, e.quad_class AS q, count(*) AS n FROM events e ${w}
      GROUP BY e.date, e.quad_class ORDER BY e.date`, p.values) as unknown as { date: string; q: number; n: number }[];
    const out: TimelinePoint[] = [];
    for (const r of rows) {
      let pt = out[out.length - 1];
      if (!pt || pt.date !== r.date) out.push(pt = { date: r.date, q1: 0, q2: 0, q3: 0, q4: 0, total: 0 });
      pt[`q${r.q}` as 'q1'] += r.n;
      pt.total += r.n;
    }
    return out;
  }

  private async clusterOf(c: Row, withRepresentative: boolean): Promise<Cluster> {
    const members = (await this.rows('SELECT id FROM events WHERE cluster_id = $1 ORDER BY id LIMIT $2', [c.id, MEMBER_CAP]))
      .map((r) => r.id as number);
    let representative: StoredEvent | null = null;
    if (withRepresentative && members.length) {
      const r = await this.one(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} WHERE e.id = $1`, [members[0]]);
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

  async clusters(f: EventFilter & { minEvents?: number }): Promise<Page<Cluster>> {
    const p = new Params();
    const w = clusterWhere(f, p);
    const { limit, offset } = pageOf(f);
    const total = Number((await this.one(`SELECT count(*) AS n FROM clusters c ${w}`, p.values))!.n);
    const rows = await this.rows(`SELECT c.* FROM clusters c ${w} ORDER BY c.n_mentions DESC, c.date DESC, c.id
      LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values);
    const items: Cluster[] = [];
    for (const r of rows) items.push(await this.clusterOf(r, true));
    return { total, limit, offset, items };
  }

  async *eachCluster(f: EventFilter): AsyncIterable<Cluster> {
    let last: [string, number] = ['', 0];
    for (;;) {
      const p = new Params();
      const w = clusterWhere(f, p);
      const rows = await this.rows(`SELECT c.* FROM clusters c ${w ? `${w} AND` : 'WHERE'} (c.date, c.id) > (${p.add(last[0])}, ${p.add(last[1])})
        ORDER BY c.date, c.id LIMIT ${p.add(CHUNK)}`, p.values);
      for (const r of rows) yield await this.clusterOf(r, true);
      if (rows.length < CHUNK) return;
      last = [String(rows[rows.length - 1].date), rows[rows.length - 1].id as number];
    }
  }

  async failures(limit: number): Promise<FailureRecord[]> {
    return await this.rows('SELECT id, origin, hash, code, message, at FROM failures ORDER BY id DESC LIMIT $1', [limit]) as unknown as FailureRecord[];
  }

  async stats(): Promise<Omit<StoreStats, 'schema_version'>> {
    const r = (await this.one(`SELECT
      (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM sentences) AS sentences,
      (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM event_mentions) AS mentions,
      (SELECT count(*) FROM clusters) AS clusters, (SELECT count(*) FROM actors) AS actors,
      (SELECT count(*) FROM failures) AS failures,
      (SELECT count(*) FROM events WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL) AS located_events,
      (SELECT min(date) FROM events) AS first_date, (SELECT max(date) FROM events) AS last_date`))!;
    return r as unknown as Omit<StoreStats, 'schema_version'>;
  }
}
