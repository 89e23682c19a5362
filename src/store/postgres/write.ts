/**
 * One batch of coded documents into PostgreSQL, in one transaction, exactly once per text: documents are
 * inserted if absent (unique sha256 of the text; ON CONFLICT DO NOTHING), and only the documents this
 * transaction inserted get sentences, events, mentions and cluster and actor counts. Every table is written
 * with one multi-row statement (unnest of arrays). Shared rows are locked in sorted order (documents by hash,
 * new clusters by key, cluster counters by id, actors by code), and the shared counters (clusters, actors) are
 * updated last, so concurrent workers neither deadlock on them nor hold them while inserting their events.
 */
import type pg from 'pg';
import type { CodedDocument, FailureInput, WriteResult } from '../types.js';
import { clusterKeyOf, keyString } from '../dedup.js';
import { eventParams } from '../sqlite/rows.js';
import { TS_CONFIG } from './schema.js';

type Client = pg.PoolClient;
const BOOL = new Set(['has_target', 'negated', 'conditional', 'quote']);
const INT = new Set(['sentence', 'quad_class', 'evidence_start', 'evidence_end']);
const FLOAT = new Set(['goldstein', 'location_lat', 'location_lon', 'confidence']);
const pgType = (col: string) => (BOOL.has(col) ? 'boolean' : INT.has(col) ? 'int' : FLOAT.has(col) ? 'float8' : 'text');

/** `INSERT ... SELECT * FROM unnest($1::t1[], $2::t2[], ...)`: columns of equal length, one array each. */
function unnestOf(types: string[], from = 1): string {
  return `unnest(${types.map((t, i) => `$${i + from}::${t}[]`).join(', ')})`;
}

async function ids(c: Client, table: string, n: number): Promise<number[]> {
  if (!n) return [];
  const r = await c.query(`SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS id FROM generate_series(1, $1)`, [n]);
  return r.rows.map((x: { id: number }) => x.id);
}

interface ClusterAgg {
  key: string;
  date: string; source: string; target: string; cameo: string; location: string;
  quad: number; goldstein: number; events: number; mentions: number; documents: number;
}

interface ActorAgg { code: string; country: string | null; sector: string | null; name: string | null; src: number; tgt: number }

export async function writeBatch(c: Client, docsIn: CodedDocument[], failuresIn: FailureInput[]): Promise<WriteResult> {
  const now = new Date().toISOString();
  // one per text; ids follow the input order (as in SQLite), rows are inserted in hash order (the lock order)
  const byHash = new Map<string, CodedDocument>();
  for (const cd of docsIn) if (!byHash.has(cd.doc.hash)) byHash.set(cd.doc.hash, cd);
  const docs = [...byHash.values()];
  const newIds = await ids(c, 'documents', docs.length);
  const idOf = new Map(docs.map((d, i) => [d.doc.hash, newIds[i]]));
  const sorted = [...docs].sort((a, b) => (a.doc.hash < b.doc.hash ? -1 : a.doc.hash > b.doc.hash ? 1 : 0));

  const docIds = new Map<string, number>();
  if (sorted.length) {
    const r = await c.query(`INSERT INTO documents (id, ext_id, source, url, pub_date, text, hash, origin, added_at, n_sentences, n_events,
        feed, language, title, published_at, date_source)
      SELECT * FROM ${unnestOf(['bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'int', 'text', 'text', 'text', 'text', 'text'])}
      ON CONFLICT (hash) DO NOTHING RETURNING id, hash`, [
      sorted.map((d) => idOf.get(d.doc.hash)), sorted.map((d) => d.doc.extId), sorted.map((d) => d.doc.source),
      sorted.map((d) => d.doc.url), sorted.map((d) => d.doc.date), sorted.map((d) => d.doc.text), sorted.map((d) => d.doc.hash),
      sorted.map((d) => d.doc.origin), sorted.map(() => now), sorted.map((d) => d.sentences.length), sorted.map((d) => d.events.length),
      sorted.map((d) => d.doc.meta?.feed ?? null), sorted.map((d) => d.doc.meta?.language ?? null), sorted.map((d) => d.doc.meta?.title ?? null),
      sorted.map((d) => d.doc.meta?.publishedAt ?? null), sorted.map((d) => d.doc.meta?.dateSource ?? null),
    ]);
    for (const row of r.rows as { id: number; hash: string }[]) docIds.set(row.hash, row.id);
  }
  const fresh = docs.filter((d) => docIds.has(d.doc.hash));
  if (fresh.length) {
    await c.query("DELETE FROM failures WHERE hash = ANY($1::text[]) AND hash <> ''", [fresh.map((d) => d.doc.hash)]);
    const urls = fresh.flatMap((d) => (d.doc.url ? [d.doc.url] : []));
    if (urls.length) await c.query("DELETE FROM failures WHERE origin = ANY($1::text[]) AND hash = ''", [urls]);
    const sentenceIds = await insertSentences(c, fresh, docIds);
    const plan = planClusters(fresh);
    const clusters = await clusterIds(c, plan);
    await insertEvents(c, fresh, docIds, sentenceIds, clusters);
    // shared counters last: their rows stay locked only until the commit
    await addClusterCounts(c, plan, clusters);
    await upsertActors(c, fresh);
  }
  await upsertFailures(c, failuresIn, now);
  return { stored: fresh.map((d) => d.doc.hash) };
}

/** Sentences with their tsvector (the text itself stays in documents); returns hash → sentence i → id. */
async function insertSentences(c: Client, docs: CodedDocument[], docIds: Map<string, number>): Promise<Map<string, Map<number, number>>> {
  const n = docs.reduce((k, d) => k + d.sentences.length, 0);
  const newIds = await ids(c, 'sentences', n);
  const cols: unknown[][] = [[], [], [], [], [], []];
  const out = new Map<string, Map<number, number>>();
  let k = 0;
  for (const d of docs) {
    const m = new Map<number, number>();
    out.set(d.doc.hash, m);
    for (const s of d.sentences) {
      const id = newIds[k++];
      m.set(s.i, id);
      [id, docIds.get(d.doc.hash), s.i, s.start, s.end, d.doc.text.slice(s.start, s.end)].forEach((v, j) => cols[j].push(v));
    }
  }
  if (n) {
    await c.query(`INSERT INTO sentences (id, doc_id, i, start, "end", tsv)
      SELECT id, doc_id, i, s, e, to_tsvector('${TS_CONFIG}', t) FROM ${unnestOf(['bigint', 'bigint', 'int', 'int', 'int', 'text'])} AS x(id, doc_id, i, s, e, t)`, cols);
  }
  return out;
}

interface ClusterPlan {
  rows: ClusterAgg[];
  /** distinct (cluster key, publisher) pairs of the batch */
  pairs: { key: string; source: string }[];
}

/** What the batch adds to each cross-article cluster, in key order. */
function planClusters(docs: CodedDocument[]): ClusterPlan {
  const agg = new Map<string, ClusterAgg>();
  const pairs = new Map<string, { key: string; source: string }>();
  for (const d of docs) {
    const inDoc = new Set<string>();
    for (const ce of d.events) {
      const e = ce.event;
      if (!e.source.code) continue;
      const k = clusterKeyOf(e);
      const key = keyString(k);
      let a = agg.get(key);
      if (!a) {
        a = { key, date: k.date, source: k.source ?? '', target: k.target ?? '', cameo: k.cameo, location: k.location ?? '',
          quad: e.quad_class, goldstein: e.goldstein, events: 0, mentions: 0, documents: 0 };
        agg.set(key, a);
      }
      a.events++;
      a.mentions += ce.mentions.length;
      if (!inDoc.has(key)) a.documents++;
      inDoc.add(key);
      if (d.doc.source) pairs.set(`${key}\u0002${d.doc.source}`, { key, source: d.doc.source });
    }
  }
  return { rows: [...agg.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), pairs: [...pairs.values()] };
}

/**
 * The ids of the batch's clusters, creating the missing ones with zero counts. An existing cluster is not
 * locked here (ON CONFLICT DO NOTHING on a committed row takes no lock): its counts are added at the end of
 * the transaction (addClusterCounts), so hot clusters stay locked only for the last statements and the commit.
 */
async function clusterIds(c: Client, plan: ClusterPlan): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const rows = plan.rows;
  if (!rows.length) return out;
  const cols = [rows.map((a) => a.date), rows.map((a) => a.source), rows.map((a) => a.target), rows.map((a) => a.cameo), rows.map((a) => a.location)];
  await c.query(`INSERT INTO clusters (date, source_code, target_code, cameo, location_name, quad_class, goldstein)
    SELECT * FROM ${unnestOf(['text', 'text', 'text', 'text', 'text', 'int', 'float8'])}
    ON CONFLICT (date, source_code, target_code, cameo, location_name) DO NOTHING`,
  [...cols, rows.map((a) => a.quad), rows.map((a) => a.goldstein)]);
  const r = await c.query(`SELECT c.id, c.date, c.source_code, c.target_code, c.cameo, c.location_name
    FROM clusters c JOIN ${unnestOf(['text', 'text', 'text', 'text', 'text'])} AS x(d, s, t, cm, l)
      ON c.date = x.d AND c.source_code = x.s AND c.target_code = x.t AND c.cameo = x.cm AND c.location_name = x.l`, cols);
  for (const x of r.rows as Record<string, string>[]) {
    out.set([x.date, x.source_code, x.target_code, x.cameo, x.location_name].join('\u0001'), Number(x.id));
  }
  return out;
}

/** Add the batch's counts to its clusters (rows locked in id order), new publishers included. */
async function addClusterCounts(c: Client, plan: ClusterPlan, ids: Map<string, number>): Promise<void> {
  if (!plan.rows.length) return;
  const newSources = new Map<number, number>();
  const ps = plan.pairs.map((p) => ({ id: ids.get(p.key)!, source: p.source }))
    .sort((a, b) => a.id - b.id || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  if (ps.length) {
    const r = await c.query(`INSERT INTO cluster_sources (cluster_id, source) SELECT * FROM unnest($1::bigint[], $2::text[])
      ON CONFLICT DO NOTHING RETURNING cluster_id`, [ps.map((p) => p.id), ps.map((p) => p.source)]);
    for (const x of r.rows as { cluster_id: number }[]) newSources.set(x.cluster_id, (newSources.get(x.cluster_id) ?? 0) + 1);
  }
  const rows = plan.rows.map((a) => ({ ...a, id: ids.get(a.key)! })).sort((a, b) => a.id - b.id);
  // NO KEY UPDATE, as the UPDATE itself takes: it does not conflict with the KEY SHARE locks other writers' foreign
  // keys (events.cluster_id) take, so only counter updates wait for each other, in id order
  await c.query('SELECT id FROM clusters WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE', [rows.map((a) => a.id)]);
  await c.query(`UPDATE clusters c SET n_events = c.n_events + x.ne, n_mentions = c.n_mentions + x.nm,
      n_documents = c.n_documents + x.nd, n_sources = c.n_sources + x.ns
    FROM ${unnestOf(['bigint', 'int', 'int', 'int', 'int'])} AS x(id, ne, nm, nd, ns) WHERE c.id = x.id`, [
    rows.map((a) => a.id), rows.map((a) => a.events), rows.map((a) => a.mentions), rows.map((a) => a.documents),
    rows.map((a) => newSources.get(a.id) ?? 0),
  ]);
}

async function upsertActors(c: Client, docs: CodedDocument[]): Promise<void> {
  const agg = new Map<string, ActorAgg>();
  const add = (code: string, country: string | null, sector: string | null, name: string | null, src: number, tgt: number) => {
    const a = agg.get(code);
    if (!a) { agg.set(code, { code, country, sector, name, src, tgt }); return; }
    a.country ??= country;
    a.sector ??= sector;
    a.name ??= name;
    a.src += src;
    a.tgt += tgt;
  };
  for (const d of docs) {
    for (const { event: e } of d.events) {
      if (e.source.code) add(e.source.code, e.source.country, e.source.sector, e.source.name, 1, 0);
      if (e.target?.code) add(e.target.code, e.target.country, e.target.sector, e.target.name, 0, 1);
    }
  }
  if (!agg.size) return;
  const rows = [...agg.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  await c.query(`INSERT INTO actors AS a (code, country, sector, name, as_source, as_target)
    SELECT * FROM ${unnestOf(['text', 'text', 'text', 'text', 'int', 'int'])}
    ON CONFLICT (code) DO UPDATE SET
      country = coalesce(a.country, excluded.country), sector = coalesce(a.sector, excluded.sector),
      name = coalesce(a.name, excluded.name),
      as_source = a.as_source + excluded.as_source, as_target = a.as_target + excluded.as_target`, [
    rows.map((a) => a.code), rows.map((a) => a.country), rows.map((a) => a.sector), rows.map((a) => a.name),
    rows.map((a) => a.src), rows.map((a) => a.tgt),
  ]);
}

async function insertEvents(c: Client, docs: CodedDocument[], docIds: Map<string, number>,
  sentenceIds: Map<string, Map<number, number>>, clusterIds: Map<string, number>): Promise<void> {
  const all = docs.flatMap((d) => d.events.map((ce) => ({ d, ce })));
  if (!all.length) return;
  const eventIds = await ids(c, 'events', all.length);
  const cols = Object.keys(eventParams(all[0].ce.event));
  const types = [...cols.map(pgType), 'bigint', 'bigint', 'bigint', 'int', 'bigint'];
  const values: unknown[][] = types.map(() => []);
  const mentions: unknown[][] = [[], [], [], [], [], [], [], []];
  all.forEach(({ d, ce }, k) => {
    const e = ce.event;
    const p = eventParams(e);
    cols.forEach((col, j) => values[j].push(BOOL.has(col) ? !!p[col] : p[col]));
    const docId = docIds.get(d.doc.hash)!;
    const cluster = e.source.code ? clusterIds.get(keyString(clusterKeyOf(e))) ?? null : null;
    [eventIds[k], docId, sentenceIds.get(d.doc.hash)?.get(e.sentence) ?? null, ce.mentions.length, cluster]
      .forEach((v, j) => values[cols.length + j].push(v));
    for (const m of ce.mentions) {
      [eventIds[k], docId, m.sentence, m.uid, m.evidence.start, m.evidence.end, m.evidence.text, m.confidence]
        .forEach((v, j) => mentions[j].push(v));
    }
  });
  await c.query(`INSERT INTO events (${cols.join(', ')}, id, doc_id, sentence_id, n_mentions, cluster_id)
    SELECT * FROM ${unnestOf(types)}`, values);
  await c.query(`INSERT INTO event_mentions (event_id, doc_id, sentence, uid, evidence_start, evidence_end, evidence_text, confidence)
    SELECT * FROM ${unnestOf(['bigint', 'bigint', 'int', 'text', 'int', 'int', 'text', 'float8'])}`, mentions);
}

async function upsertFailures(c: Client, failures: FailureInput[], now: string): Promise<void> {
  const last = new Map<string, FailureInput>();
  for (const f of failures) last.set(`${f.origin}\u0001${f.hash}`, f);
  const rows = [...last.values()];
  if (!rows.length) return;
  await c.query(`INSERT INTO failures (origin, hash, code, message, at)
    SELECT * FROM ${unnestOf(['text', 'text', 'text', 'text', 'text'])}
    ON CONFLICT (origin, hash) DO UPDATE SET code = excluded.code, message = excluded.message, at = excluded.at`, [
    rows.map((f) => f.origin), rows.map((f) => f.hash), rows.map((f) => f.code), rows.map((f) => f.message), rows.map(() => now),
  ]);
}
