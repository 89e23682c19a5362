// The PostgreSQL store against the SQLite one (issue #9): the same documents written to both must read back
// the same through every query of the store interface. Needs Debian's postgresql (skips without it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { codeDocs } from '../src/batch.js';
import { sha256, toStored } from '../src/cli/ingest-run.js';
import { asyncStore } from '../src/store/async.js';
import { openAsyncStore, openStore } from '../src/store/open.js';
import { PostgresStore } from '../src/store/postgres/store.js';
import { PG_SCHEMA_VERSION } from '../src/store/postgres/schema.js';
import { systemView } from '../src/system/view.js';
import { systemViewAsync } from '../src/system/view-async.js';
import type { AsyncEventStore, CodedDocument, Cluster, EventFilter, StoredEvent } from '../src/store/types.js';
import { PG_MISSING, startPostgres, type PgServer } from './servers.js';
import { makeCoded, makeEvent, publicPart, STORE_FIXTURES, tempDir } from './store-helpers.js';


/** The fixture articles, each under several dates and publishers: shared cluster keys across documents. */
function corpus(): CodedDocument[] {
  const bases = readdirSync(STORE_FIXTURES).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => readFileSync(path.join(STORE_FIXTURES, f), 'utf8'));
  const inputs = Array.from({ length: 24 }, (_, i) => ({
    id: `d${i}`, text: `Dispatch ${i}. ${bases[i % bases.length]}`, date: `2024-03-${String(10 + (i % 4)).padStart(2, '0')}`,
    source: ['AP', 'AFP', '', 'Reuters'][i % 4] || null, url: `https://example.org/${i}`,
  }));
  const coded = codeDocs(inputs);
  return inputs.map((d, i) => {
    const doc = coded[i];
    if (doc instanceof Error) throw doc;
    return toStored({ ...d, where: `c.jsonl:${i + 1}` }, doc, sha256(d.text));
  });
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const eventsNoIds = (es: StoredEvent[]) => es.map((e) => JSON.stringify(publicPart(e))).sort(byKey);
const clusterNoIds = (c: Cluster) => ({ ...c, id: 0, members: c.members.length, representative: c.representative ? publicPart(c.representative) : null });

describe('store: PostgreSQL matches SQLite', { skip: PG_MISSING, timeout: 120_000 }, () => {
  const t = tempDir('dyad-pgstore-');
  let server: PgServer;
  let url = '';
  let pgs: AsyncEventStore;
  let lite: AsyncEventStore;
  const docs = corpus();

  before(async () => {
    server = await startPostgres();
    url = await server.createDb('parity');
    pgs = await openAsyncStore(url);
    lite = await openAsyncStore(path.join(t.dir, 'parity.db'));
    // the same batches, in the same order
    for (let i = 0; i < docs.length; i += 5) {
      await pgs.write(docs.slice(i, i + 5), []);
      await lite.write(docs.slice(i, i + 5), []);
    }
  });
  after(async () => {
    await pgs?.close();
    await lite?.close();
    await server?.stop();
    t.cleanup();
  });

  it('is selected by a postgres:// URL and creates its schema', async () => {
    assert.equal(pgs.kind, 'postgres');
    assert.equal(await pgs.schemaVersion(), PG_SCHEMA_VERSION);
    assert.equal(await pgs.integrityCheck(), 'ok');
    assert.throws(() => openStore(url), { code: 'E_STORE' }); // the synchronous interface is SQLite only
  });

  it('has the same counts', async () => {
    const [a, b] = [await pgs.stats(), await lite.stats()];
    assert.ok(b.events > 24, `${b.events} events`);
    assert.deepEqual({ ...a, schema_version: 0 }, { ...b, schema_version: 0 });
  });

  it('returns the same events for every filter, in the same order', async () => {
    const filters: EventFilter[] = [
      {}, { actor: 'PAK' }, { actor: 'IND' }, { country: 'ukr' }, { cameo: '1' }, { cameoRoot: '19' }, { quad: 4 },
      { from: '2024-03-11', to: '2024-03-12' }, { q: 'ceasefire' }, { q: 'Kharkiv troops' }, { q: '"unbalanced (NEAR' },
      { q: 'nothing-like-this' }, { located: true }, { plover: 'assault' }, { limit: 7, offset: 5 },
    ];
    for (const f of filters) {
      const [a, b] = [await pgs.events({ limit: 1000, ...f }), await lite.events({ limit: 1000, ...f })];
      assert.equal(a.total, b.total, JSON.stringify(f));
      assert.deepEqual(a.items.map((e) => e.id), b.items.map((e) => e.id), JSON.stringify(f));
      assert.deepEqual(eventsNoIds(a.items), eventsNoIds(b.items), JSON.stringify(f));
    }
    assert.ok((await pgs.events({ q: 'ceasefire' })).total > 0);
    assert.deepEqual(eventsNoIds(await all(pgs.eachEvent({}))), eventsNoIds(await all(lite.eachEvent({}))));
  });

  it('returns the same actors, network, timeline and clusters', async () => {
    assert.deepEqual(await pgs.actors({}), await lite.actors({}));
    assert.deepEqual(await pgs.actors({ search: 'pak' }), await lite.actors({ search: 'pak' }));
    assert.deepEqual(await pgs.actors({ quad: 4 }), await lite.actors({ quad: 4 }));
    const sortEdges = (n: { edges: { source: string; target: string; quad_class: number }[] }) =>
      n.edges.map((e) => JSON.stringify(e)).sort(byKey);
    const [na, nb] = [await pgs.network({}), await lite.network({})];
    assert.deepEqual(sortEdges(na), sortEdges(nb));
    assert.deepEqual(na.nodes.map((x) => JSON.stringify(x)).sort(byKey), nb.nodes.map((x) => JSON.stringify(x)).sort(byKey));
    assert.deepEqual(await pgs.timeline({}), await lite.timeline({}));
    for (const f of [{}, { minEvents: 2 }, { actor: 'IND' }, { q: 'ceasefire' }, { country: 'PAK' }]) {
      const [a, b] = [await pgs.clusters({ limit: 500, ...f }), await lite.clusters({ limit: 500, ...f })];
      assert.equal(a.total, b.total);
      assert.deepEqual(a.items.map(clusterNoIds).map((c) => JSON.stringify(c)).sort(byKey),
        b.items.map(clusterNoIds).map((c) => JSON.stringify(c)).sort(byKey));
    }
    const [ca, cb] = [await all(pgs.eachCluster({})), await all(lite.eachCluster({}))];
    assert.deepEqual(ca.map(clusterNoIds).map((c) => JSON.stringify(c)).sort(byKey), cb.map(clusterNoIds).map((c) => JSON.stringify(c)).sort(byKey));
    const docsOf = async (s: AsyncEventStore, c: Cluster) => (await s.clusterDocuments(c.id)).map((d) => d.hash).sort(byKey);
    const big = ca.find((c) => c.documents > 1)!;
    const twin = cb.find((c) => JSON.stringify(c.key) === JSON.stringify(big.key))!;
    assert.deepEqual(await docsOf(pgs, big), await docsOf(lite, twin));
  });

  it('returns an event with its mentions, document and cluster', async () => {
    const e = (await pgs.events({ actor: 'PAK', limit: 1 })).items[0];
    const d = (await pgs.event(e.store.id))!;
    const twin = (await lite.events({ limit: 1000 })).items.find((x) => x.id === e.id && x.doc_id === e.doc_id)!;
    const dl = (await lite.event(twin.store.id))!;
    assert.deepEqual(publicPart(d.event), publicPart(dl.event));
    assert.deepEqual(d.mentions.map((m) => ({ ...m, id: 0, event: 0 })), dl.mentions.map((m) => ({ ...m, id: 0, event: 0 })));
    assert.equal(d.document.text, dl.document.text);
    assert.equal(d.document.text.slice(e.evidence.start, e.evidence.end), e.evidence.text);
    assert.deepEqual({ ...d.cluster, id: 0, members: 0 }, { ...dl.cluster, id: 0, members: 0 });
    assert.equal(await pgs.event(10 ** 9), null);
  });

  it('reads the conflict-system rows and evidence like SQLite, and computes the same system view', async () => {
    const [a, b] = [await all(pgs.eachDyadEvent({})), await all(lite.eachDyadEvent({}))];
    assert.ok(a.length > 0);
    const strip = (r: { id: number; cluster: number | null }) => JSON.stringify({ ...r, id: 0, cluster: r.cluster === null ? null : 0 });
    assert.deepEqual(a.map(strip), b.map(strip));
    const refs = await pgs.eventRefs(a.slice(0, 5).map((r) => r.id));
    const twins = await lite.eventRefs(b.slice(0, 5).map((r) => r.id));
    const byUid = (m: Map<number, { uid: string }>) => [...m.values()].sort((x, y) => byKey(x.uid, y.uid));
    assert.deepEqual(byUid(refs), byUid(twins));
    const viaPg = await systemViewAsync(pgs, {});
    const viaLite = systemView(openStore(path.join(t.dir, 'parity.db'), { create: false }), {});
    const noIds = (v: object) => JSON.stringify(v, (k, x) => (k === 'id' || k === 'ms' ? 0 : x));
    assert.equal(noIds(viaPg), noIds(viaLite));
  });

  it('keeps web provenance, other URLs, failures by origin and feed state', async () => {
    const cd = makeCoded('w', 'Turkey sent air defence systems to Tripoli on Monday.', [], { url: 'https://news.example/a', source: 'Example' });
    cd.doc.meta = { feed: 'https://news.example/feed', language: 'en', title: 'Air defence', publishedAt: '2024-03-18T08:00:00Z', dateSource: 'meta' };
    await pgs.write([], [{ origin: 'https://news.example/a', hash: '', code: 'E_FETCH', message: 'timeout' }]);
    assert.equal((await pgs.failedOrigins(['https://news.example/a'])).get('https://news.example/a'), 'E_FETCH');
    await pgs.write([cd], []);
    assert.equal((await pgs.failedOrigins(['https://news.example/a'])).size, 0, 'storing the page clears its fetch failure');
    await pgs.addUrls([{ url: 'https://mirror.example/a', hash: cd.doc.hash }]);
    assert.deepEqual([...await pgs.storedUrls(['https://news.example/a', 'https://mirror.example/a', 'https://other.example/'])].sort(),
      ['https://mirror.example/a', 'https://news.example/a']);
    const id = (await (pgs as unknown as PostgresStore).query('SELECT id FROM documents WHERE hash = $1', [cd.doc.hash])).rows[0].id as number;
    const d = (await pgs.document(id, false))!;
    assert.deepEqual([d.feed, d.language, d.title, d.published_at, d.date_source], ['https://news.example/feed', 'en', 'Air defence', '2024-03-18T08:00:00Z', 'meta']);
    assert.equal(await pgs.feedState('https://news.example/feed'), null);
    const st = { url: 'https://news.example/feed', etag: '"x"', lastModified: null, checkedAt: '2024-03-18T09:00:00Z', okAt: '2024-03-18T09:00:00Z',
      status: '200', error: null, failures: 0, retryAt: null, items: 12, stored: 1 };
    await pgs.saveFeedState(st);
    await pgs.saveFeedState({ ...st, status: '304', items: 12 });
    assert.deepEqual(await pgs.feedState(st.url), { ...st, status: '304' });
    assert.deepEqual(await pgs.feeds(), [{ ...st, status: '304' }]);
  });

  it('round-trips every public field, fields added later included', async () => {
    const withNew = { ...makeEvent({ id: 'x:0:0', doc_id: 'x', location: { name: 'Kharkiv', country: 'UKR', admin1: 'Kharkiv Oblast', lat: 49.99, lon: 36.23, precision: 'city' }, explain: { pattern: 'attack', pattern_source: 'v:1', rules: ['r'], source_entries: [], target_entries: [] } }), salience: 0.7 } as never;
    const cd = makeCoded('x', 'Russian troops attacked Ukraine on Monday.', [withNew]);
    assert.deepEqual((await pgs.write([cd], [])).stored, [cd.doc.hash]);
    const got = (await pgs.events({ actor: 'RUSMIL', limit: 1000 })).items.find((e) => e.doc_id === 'x')!;
    assert.deepEqual(publicPart(got), withNew);
  });

  it('stores a text once, whoever writes it and however often', async () => {
    const before = await pgs.stats();
    const again = docs.slice(0, 6).map((d) => ({ ...d, doc: { ...d.doc, extId: d.doc.extId + '-again' } }));
    assert.deepEqual((await pgs.write(again, [])).stored, []);
    // concurrent writers with overlapping batches: no deadlock, each text once, counts as if written once
    const others = await Promise.all([0, 1, 2].map(() => PostgresStore.open(url)));
    const fresh = corpus().map((d, i) => makeCoded(`n${i}`, `Again ${i}. ${d.doc.text}`, d.events.map((e) => e.event)));
    await Promise.all(others.map((s, k) => s.write([...fresh.slice(k * 4, k * 4 + 12), ...fresh.slice(0, 4)].reverse(), [])));
    await Promise.all(others.map((s) => s.close()));
    const after = await pgs.stats();
    assert.equal(after.documents, before.documents + 20); // fresh[0..20), some written by two or three writers
    assert.equal(await pgs.integrityCheck(), 'ok');
  });

  it('lets concurrent writers share hot clusters without a deadlock', async () => {
    const writers = await Promise.all([0, 1, 2, 3].map(() => PostgresStore.open(url)));
    const base = corpus();
    const deadlocks = async () => Number((await (pgs as unknown as PostgresStore).query(
      'SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()')).rows[0].deadlocks);
    const before = await deadlocks();
    const docsBefore = (await pgs.stats()).documents;
    // 4 writers x 6 rounds of 16 new texts each, all with the same events (the same clusters and actors)
    const runs = await Promise.allSettled(writers.map(async (w, k) => {
      for (let round = 0; round < 6; round++) {
        const batch = base.slice(0, 16).map((d, i) => makeCoded(`hot${k}-${round}-${i}`, `Hot ${k} ${round} ${i}. ${d.doc.text}`,
          d.events.map((e) => e.event), { date: d.doc.date, source: d.doc.source }));
        await w.write(batch, []);
      }
    }));
    await Promise.all(writers.map((w) => w.close()));
    for (const r of runs) if (r.status === 'rejected') throw r.reason;
    assert.equal((await pgs.stats()).documents, docsBefore + 4 * 6 * 16);
    assert.equal(await deadlocks(), before, 'no transaction was aborted by a deadlock');
    assert.equal(await pgs.integrityCheck(), 'ok');
  });

  it('records failures and clears one when the text is later stored', async () => {
    const other = makeCoded('b', 'Some other text.', []);
    await pgs.write([], [{ origin: 'b.txt', hash: other.doc.hash, code: 'E_INTERNAL', message: 'boom' }]);
    await pgs.write([], [{ origin: 'b.txt', hash: other.doc.hash, code: 'E_INTERNAL', message: 'boom again' }]);
    const f = await pgs.failures(10);
    assert.equal(f.length, 1);
    assert.equal(f[0].message, 'boom again');
    assert.equal((await pgs.failedHashes([other.doc.hash])).get(other.doc.hash), 'E_INTERNAL');
    await pgs.write([other], []);
    assert.equal((await pgs.failures(10)).length, 0);
  });

  it('refuses a database without a store when asked not to create one', async () => {
    const empty = await server.createDb('empty');
    await assert.rejects(openAsyncStore(empty, { create: false }), { code: 'E_STORE' });
    await assert.rejects(openAsyncStore('postgres://dyad@127.0.0.1:1/none'), { code: 'E_STORE' });
    const s = asyncStore(openStore(path.join(t.dir, 'x.db')));
    assert.equal(s.kind, 'sqlite');
    await s.close();
  });
});
