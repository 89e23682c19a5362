import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/open.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/sqlite/schema.js';
import { ftsQuery } from '../src/store/sqlite/filter.js';
import type { EventStore } from '../src/store/types.js';
import { makeCoded, makeEvent, publicPart, tempDir } from './store-helpers.js';

const TEXT = 'Russian troops attacked Ukraine on Monday.\nThe Ukrainian government condemned Russia over the ceasefire breach.';

describe('store: SQLite round trips', () => {
  const t = tempDir();
  const file = path.join(t.dir, 'rt.db');
  let store: EventStore;
  const attack = makeEvent({
    id: 'a:0:0', doc_id: 'a',
    location: { name: 'Kharkiv', country: 'UKR', admin1: 'Kharkiv Oblast', lat: 49.99, lon: 36.23, precision: 'city' },
    explain: { pattern: 'attack', pattern_source: 'verbs.txt:1', rules: ['r1'], source_entries: ['RUS'], target_entries: ['UKR'] },
  });
  const condemn = makeEvent({
    id: 'a:1:1', doc_id: 'a', sentence: 1, cameo: '111', cameo_root: '11', quad_class: 3, goldstein: -2,
    source: { text: 'The Ukrainian government', code: 'UKRGOV', country: 'UKR', sector: 'GOV', name: null },
    target: { text: 'Russia', code: 'RUS', country: 'RUS', sector: null, name: null },
    plover: { type: 'ACCUSE', mode: 'disapprove', context: [] },
    quote: true, speaker: 'officials',
    evidence: { start: 43, end: 84, text: 'The Ukrainian government condemned Russia' },
  });
  // a field a later coder adds ("fields may be added, never renamed") survives the round trip
  const withNewField = { ...makeEvent({ id: 'a:1:2', doc_id: 'a', sentence: 1, target: null, cameo: '010', cameo_root: '01', quad_class: 1, goldstein: 0 }), salience: 0.7 } as never;

  before(() => {
    store = openStore(file);
    store.write([makeCoded('a', TEXT, [attack, condemn, withNewField], { source: 'Reuters', url: 'https://example.org/a' })], []);
  });
  after(() => { store.close(); t.cleanup(); });

  it('creates the schema at the current version, in WAL mode', () => {
    assert.equal(store.schemaVersion(), SCHEMA_VERSION);
    const db = new Database(file, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('returns every public event field as written', () => {
    const page = store.events({ limit: 10 });
    assert.equal(page.total, 3);
    const byId = new Map(page.items.map((e) => [e.id, e]));
    assert.deepEqual(publicPart(byId.get('a:0:0')!), attack);
    assert.deepEqual(publicPart(byId.get('a:1:1')!), condemn);
    assert.deepEqual(publicPart(byId.get('a:1:2')!), withNewField);
  });

  it('keeps documents, sentences and the evidence offsets into the text', () => {
    const e = store.events({ cameo: '19' }).items[0];
    const d = store.event(e.store.id)!;
    assert.equal(d.document.text, TEXT);
    assert.equal(d.document.source, 'Reuters');
    assert.equal(d.document.url, 'https://example.org/a');
    assert.equal(d.document.sentences, 2);
    assert.equal(d.document.text.slice(e.evidence.start, e.evidence.end), e.evidence.text);
    assert.equal(d.mentions.length, 1);
    assert.deepEqual(d.mentions[0].evidence, attack.evidence);
  });

  it('filters by date, actor prefix, country, CAMEO, quad class, PLOVER type and location', () => {
    assert.equal(store.events({ actor: 'RUS' }).total, 3);
    assert.equal(store.events({ actor: 'UKRGOV' }).total, 1);
    assert.equal(store.events({ country: 'rus' }).total, 3);
    assert.equal(store.events({ cameo: '11' }).total, 1);
    assert.equal(store.events({ cameoRoot: '1' }).total, 1);
    assert.equal(store.events({ quad: 4 }).total, 1);
    assert.equal(store.events({ plover: 'accuse' }).total, 1);
    assert.equal(store.events({ located: true }).total, 1);
    assert.equal(store.events({ from: '2024-03-19' }).total, 0);
    assert.equal(store.events({ to: '2024-03-18' }).total, 3);
  });

  it('searches sentences with FTS5, never passing FTS syntax through', () => {
    assert.equal(store.events({ q: 'ceasefire' }).total, 2);
    assert.equal(store.events({ q: 'Monday' }).total, 1);
    assert.equal(store.events({ q: 'nothing-like-this' }).total, 0);
    assert.equal(ftsQuery('a "b" OR c*'), '"a" AND "b" AND "OR" AND "c"');
    assert.doesNotThrow(() => store.events({ q: '"unbalanced (NEAR' }));
  });

  it('pages results and reports the total', () => {
    const p1 = store.events({ limit: 2, offset: 0 });
    const p2 = store.events({ limit: 2, offset: 2 });
    assert.equal(p1.items.length, 2);
    assert.equal(p2.items.length, 1);
    assert.equal(new Set([...p1.items, ...p2.items].map((e) => e.id)).size, 3);
  });

  it('serves actors, the network and the timeline', () => {
    const actors = store.actors({});
    assert.deepEqual(actors.map((a) => a.code).sort(), ['RUS', 'RUSMIL', 'UKR', 'UKRGOV']);
    const net = store.network({});
    assert.equal(net.edges.length, 2);
    assert.ok(net.edges.every((e) => e.weight === 1));
    const tl = store.timeline({});
    assert.deepEqual(tl, [{ date: '2024-03-18', q1: 1, q2: 0, q3: 1, q4: 1, total: 3 }]);
  });

  it('knows stored texts by hash; a duplicate text is not stored twice', () => {
    const again = makeCoded('a-copy', TEXT, [attack]);
    assert.ok(store.storedHashes([again.doc.hash]).has(again.doc.hash));
    store.write([again], []);
    assert.equal(store.stats().documents, 1);
  });

  it('records failures and clears one when the text is later stored', () => {
    const other = makeCoded('b', 'Some other text.', []);
    store.write([], [{ origin: 'b.txt', hash: other.doc.hash, code: 'E_INTERNAL', message: 'boom' }]);
    store.write([], [{ origin: 'b.txt', hash: other.doc.hash, code: 'E_INTERNAL', message: 'boom again' }]);
    assert.equal(store.failures(10).length, 1);
    assert.equal(store.failedHashes([other.doc.hash]).get(other.doc.hash), 'E_INTERNAL');
    store.write([other], []);
    assert.equal(store.failures(10).length, 0);
  });

  it('reopens with data intact and passes the integrity check', () => {
    store.close();
    store = openStore(file, { create: false });
    assert.equal(store.stats().events, 3);
    assert.equal(store.integrityCheck(), 'ok');
  });

  it('migrates a store written at an older schema version, keeping its data', () => {
    const old = path.join(t.dir, 'v1.db');
    const db = new Database(old);
    db.exec(MIGRATIONS[0].sql);
    db.pragma('user_version = 1');
    db.prepare(`INSERT INTO documents (ext_id, pub_date, text, hash, added_at, n_sentences, n_events)
      VALUES ('old', '2020-01-01', 'Old text.', 'h1', '2020-01-01T00:00:00Z', 0, 0)`).run();
    db.close();
    const s = openStore(old, { create: false });
    try {
      assert.equal(s.schemaVersion(), SCHEMA_VERSION);
      assert.equal(s.document(1)?.text, 'Old text.');
    } finally {
      s.close();
    }
    const check = new Database(old, { readonly: true });
    assert.ok(check.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'events_dyad'").get());
    check.close();
  });

  it('refuses a missing store when asked not to create one, and a newer schema', () => {
    assert.throws(() => openStore(path.join(t.dir, 'missing.db'), { create: false }), { code: 'E_STORE' });
    const newer = path.join(t.dir, 'newer.db');
    const db = new Database(newer);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => openStore(newer), { code: 'E_STORE_VERSION' });
    assert.throws(() => openStore('postgres://localhost/dyad'), { code: 'E_STORE' });
  });
});
