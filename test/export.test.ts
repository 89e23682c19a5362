import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { FORMATS, GDELT_COLUMNS, ICEWS_COLUMNS, PHOENIX_COLUMNS, POLECAT_COLUMNS, type ExportFormat } from '../src/export/columns.js';
import { exportLines, headerLine } from '../src/export/write.js';
import { fractionDate, pentaClass } from '../src/export/rows.js';
import { CSV_COLUMNS } from '../src/output/csv.js';
import { openStore } from '../src/store/open.js';
import type { EventStore } from '../src/store/types.js';
import { BIN } from './helpers.js';
import { makeCoded, makeEvent, tempDir } from './store-helpers.js';

const lines = (store: EventStore, format: ExportFormat, extra: object = {}) =>
  [...exportLines(store, { format, filter: {}, ...extra })];

describe('exports', () => {
  const t = tempDir();
  const db = path.join(t.dir, 'x.db');
  let store: EventStore;
  before(() => {
    store = openStore(db);
    const located = makeEvent({
      id: 'a:0:0', location: { name: 'Kharkiv', country: 'UKR', admin1: 'Kharkiv Oblast', lat: 49.99, lon: 36.23, precision: 'city' },
    });
    const noTarget = makeEvent({ id: 'a:1:1', sentence: 1, target: null, cameo: '010', cameo_root: '01', quad_class: 1, goldstein: 0,
      evidence: { start: 33, end: 46, text: 'Russia\tsaid' } });
    store.write([
      makeCoded('a', 'Russian troops attacked Kharkiv.\nRussia\tsaid so.', [located, noTarget], { source: 'Reuters', url: 'https://r.example/a' }),
      makeCoded('b', 'Russian troops attacked Kharkiv, AP says.', [located], { source: 'AP', url: 'https://ap.example/b' }),
    ], []);
  });
  after(() => { store.close(); t.cleanup(); });

  it('publishes the documented column lists', () => {
    assert.equal(GDELT_COLUMNS.length, 61);
    assert.equal(ICEWS_COLUMNS.length, 20);
    assert.equal(PHOENIX_COLUMNS.length, 26);
    assert.equal(POLECAT_COLUMNS.length, 40);
    assert.equal(GDELT_COLUMNS[0], 'GLOBALEVENTID');
    assert.equal(GDELT_COLUMNS[60], 'SOURCEURL');
    assert.equal(ICEWS_COLUMNS[19], 'Longitude');
    assert.equal(PHOENIX_COLUMNS[15], 'PentaClass');
    assert.equal(POLECAT_COLUMNS[39], 'Version');
  });

  for (const format of ['gdelt', 'icews', 'phoenix', 'polecat'] as const) {
    it(`${format}: header convention, and every row has exactly the columns`, () => {
      const cols = FORMATS[format].columns!;
      const out = lines(store, format);
      const rows = FORMATS[format].header ? out.slice(1) : out;
      if (FORMATS[format].header) assert.deepEqual(out[0].split('\t'), [...cols]);
      else assert.notEqual(out[0].split('\t')[0], cols[0], 'no header row by default');
      assert.equal(rows.length, FORMATS[format].unit === 'cluster' ? 2 : 3);
      for (const r of rows) assert.equal(r.split('\t').length, cols.length, r);
      const withHeader = lines(store, format, { header: true });
      assert.deepEqual(withHeader[0].split('\t'), [...cols]);
    });
  }

  it('gdelt: one row per cluster with mention, source and article counts, and the location', () => {
    const rows = lines(store, 'gdelt').map((l) => l.split('\t'));
    const col = (r: string[], name: string) => r[GDELT_COLUMNS.indexOf(name)];
    const attack = rows.find((r) => col(r, 'EventCode') === '190')!;
    assert.equal(col(attack, 'SQLDATE'), '20240318');
    assert.equal(col(attack, 'Actor1Code'), 'RUSMIL');
    assert.equal(col(attack, 'Actor2Code'), 'UKR');
    assert.equal(col(attack, 'QuadClass'), '4');
    assert.equal(col(attack, 'NumMentions'), '2');
    assert.equal(col(attack, 'NumSources'), '2');
    assert.equal(col(attack, 'NumArticles'), '2');
    assert.equal(col(attack, 'AvgTone'), '', 'dyad has no tone: left empty');
    assert.equal(col(attack, 'ActionGeo_Type'), '4');
    assert.equal(col(attack, 'ActionGeo_Lat'), '49.99');
    assert.equal(col(attack, 'SOURCEURL'), 'https://r.example/a');
    assert.match(col(attack, 'DATEADDED'), /^\d{14}$/);
    assert.equal(fractionDate('2024-03-18'), (2024 + (3 * 30 + 18) / 365).toFixed(4));
  });

  it('icews, phoenix and polecat fill what dyad knows and leave the rest empty', () => {
    const icews = lines(store, 'icews').slice(1).map((l) => l.split('\t'));
    const i = (r: string[], n: string) => r[ICEWS_COLUMNS.indexOf(n)];
    const a = icews.find((r) => i(r, 'CAMEO Code') === '190')!;
    assert.equal(i(a, 'Source Country'), 'Russia');
    assert.equal(i(a, 'City'), 'Kharkiv');
    assert.equal(i(a, 'Province'), 'Kharkiv Oblast');
    assert.equal(i(a, 'Country'), 'Ukraine');
    assert.equal(i(a, 'District'), '');
    assert.ok(icews.some((r) => i(r, 'Target Name') === ''), 'no target: empty');
    assert.ok(icews.every((r) => !r.join('').includes('Russia\tsaid')), 'tabs inside values are flattened');
    const phx = lines(store, 'phoenix').map((l) => l.split('\t'));
    const p = phx.find((r) => r[PHOENIX_COLUMNS.indexOf('EventCode')] === '190')!;
    assert.equal(p[PHOENIX_COLUMNS.indexOf('PentaClass')], '4');
    assert.equal(p[PHOENIX_COLUMNS.indexOf('NewsSources')], 'Reuters;AP');
    assert.equal(pentaClass('01'), 0);
    const pol = lines(store, 'polecat').slice(1).map((l) => l.split('\t'));
    const q = pol.find((r) => r[POLECAT_COLUMNS.indexOf('Event Type')] === 'ASSAULT')!;
    assert.equal(q[POLECAT_COLUMNS.indexOf('Actor COW')], '');
    assert.equal(q[POLECAT_COLUMNS.indexOf('Publication Date')], '2024-03-18');
  });

  it('csv and jsonl: the coder\'s columns plus store ids; clusters as jsonl', () => {
    const csv = lines(store, 'csv');
    assert.equal(csv[0], headerLine('csv'));
    assert.deepEqual(csv[0].split(',').slice(0, CSV_COLUMNS.length), [...CSV_COLUMNS]);
    assert.equal(csv.length, 4);
    const jl = lines(store, 'jsonl').map((l) => JSON.parse(l));
    assert.equal(jl.length, 3);
    assert.ok(jl.every((e) => e.store && e.cameo));
    const cl = lines(store, 'jsonl', { clusters: true }).map((l) => JSON.parse(l));
    assert.equal(cl.length, 2);
    assert.ok(cl.some((c) => c.events === 2 && c.merged_on.includes('cameo')));
  });

  it('dyad export on the command line: filters, usage errors', () => {
    const run = (...a: string[]) => spawnSync(process.execPath, [BIN, 'export', '--db', db, ...a], { encoding: 'utf8' });
    const r = run('--format', 'gdelt', '--code', '19');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 1);
    assert.equal(r.stdout.split('\n')[0].split('\t').length, 61);
    assert.equal(run('--format', 'icews', '--actor', 'ZZZ').stdout.trim().split('\n').length, 1, 'header only');
    assert.equal(run('--format', 'nope').status, 2);
    assert.equal(run('--from', '2024-02-31').status, 2);
    assert.equal(run('--format', 'csv', '--clusters').status, 2);
    const missing = spawnSync(process.execPath, [BIN, 'export', '--db', path.join(t.dir, 'none.db')], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /E_STORE/);
    assert.doesNotMatch(missing.stderr, /at .*\.js/, 'no stack trace');
  });
});
