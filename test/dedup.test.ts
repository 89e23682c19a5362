import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { collapseMentions, MERGE_FIELDS } from '../src/store/dedup.js';
import { openStore } from '../src/store/open.js';
import { makeCoded, makeEvent, tempDir } from './store-helpers.js';

const TEXT = 'Russian troops attacked Ukraine.\nRussian troops attacked Ukraine again.\nUkraine condemned Russia.';
const first = makeEvent({ id: 'x:0:0', evidence: { start: 0, end: 31, text: 'Russian troops attacked Ukraine' } });
const again = makeEvent({ id: 'x:1:1', sentence: 1, evidence: { start: 33, end: 64, text: 'Russian troops attacked Ukraine' } });
const condemn = makeEvent({
  id: 'x:2:2', sentence: 2, cameo: '111', cameo_root: '11', quad_class: 3, goldstein: -2,
  source: { text: 'Ukraine', code: 'UKR', country: 'UKR', sector: null, name: null },
  target: { text: 'Russia', code: 'RUS', country: 'RUS', sector: null, name: null },
  evidence: { start: 72, end: 96, text: 'Ukraine condemned Russia' },
});

describe('dedup within an article', () => {
  it('collapses repeated mentions of one event and keeps every evidence span', () => {
    const out = collapseMentions([first, again, condemn]);
    assert.equal(out.length, 2);
    assert.equal(out[0].event.id, 'x:0:0');
    assert.deepEqual(out[0].mentions.map((m) => [m.sentence, m.evidence.start, m.uid]), [[0, 0, 'x:0:0'], [1, 33, 'x:1:1']]);
    assert.equal(out[1].mentions.length, 1);
  });

  it('keeps events apart when any key field differs (date, target, CAMEO code, location)', () => {
    const variants = [
      makeEvent({ date: '2024-03-19' }),
      makeEvent({ target: { text: 'Kyiv', code: 'UKRGOV', country: 'UKR', sector: 'GOV', name: null } }),
      makeEvent({ cameo: '193' }),
      makeEvent({ location: { name: 'Kharkiv', country: 'UKR', lat: 50, lon: 36.2 } }),
    ];
    assert.equal(collapseMentions([first, ...variants]).length, 5);
  });

  it('never merges events whose source is unresolved', () => {
    const unresolved = makeEvent({ source: { text: 'gunmen', code: null, country: null, sector: null, name: null } });
    assert.equal(collapseMentions([unresolved, { ...unresolved, id: 'x:1:1' }]).length, 2);
  });
});

describe('dedup across articles: event clusters per day', () => {
  it('clusters the same event reported by several articles, with counts and the reason', () => {
    const t = tempDir();
    const store = openStore(path.join(t.dir, 'c.db'));
    try {
      store.write([
        makeCoded('x', TEXT, [first, again, condemn], { source: 'Reuters', url: 'https://r.example/x' }),
        makeCoded('y', 'Russian troops attacked Ukraine, officials said.', [first], { source: 'AP', url: 'https://ap.example/y' }),
      ], []);
      store.write([
        makeCoded('z', 'Russian troops attacked Ukraine overnight.', [first], { source: 'AP' }),
        makeCoded('w', 'Russian troops attacked Ukraine a day later.', [{ ...first, date: '2024-03-19' }], { source: 'AP' }),
      ], []);
      assert.equal(store.stats().events, 5);
      const page = store.clusters({ minEvents: 2 });
      assert.equal(page.total, 1);
      const c = page.items[0];
      assert.deepEqual(c.key, { date: '2024-03-18', source: 'RUSMIL', target: 'UKR', cameo: '190', location: null });
      assert.deepEqual(c.merged_on, [...MERGE_FIELDS]);
      assert.equal(c.events, 3, 'one event per article');
      assert.equal(c.mentions, 4, 'article x reports it twice');
      assert.equal(c.documents, 3);
      assert.equal(c.sources, 2, 'Reuters and AP');
      assert.equal(c.members.length, 3);
      assert.equal(c.representative?.cameo, '190');
      assert.deepEqual(store.clusterDocuments(c.id).map((d) => d.ext_id), ['x', 'y', 'z']);
      // each member event points at its cluster, and the detail explains it
      const detail = store.event(c.members[1])!;
      assert.equal(detail.cluster?.id, c.id);
      assert.equal(store.clusters({}).total, 3, 'the next day is its own cluster; the condemnation too');
      assert.equal(store.clusters({ actor: 'UKR', quad: 3 }).total, 1);
      assert.equal(store.clusters({ from: '2024-03-19' }).total, 1);
      assert.equal([...store.eachCluster({})].length, 3);
    } finally {
      store.close();
      t.cleanup();
    }
  });
});
