// `GET /api/system` and `dyad system` on the bundled Libya proxy-war examples (issue #11).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ingest } from '../src/cli/ingest-run.js';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';
import type { EventStore } from '../src/store/types.js';
import type { SystemView } from '../src/system/types.js';
import { BIN, ROOT } from './helpers.js';
import { tempDir } from './store-helpers.js';

describe('conflict system: API and CLI', () => {
  const t = tempDir('dyad-system-api-');
  const db = path.join(t.dir, 'libya.db');
  let store: EventStore;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json() };
  };
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'system', '--db', db, ...args], { encoding: 'utf8', cwd: ROOT });

  before(async () => {
    store = openStore(db);
    ingest([path.join(ROOT, 'examples', 'libya-proxy.jsonl')], store, { date: '2020-06-30' });
    app = buildApp({ store, dashboard: false });
    await app.ready();
  });
  after(async () => { await app.close(); store.close(); t.cleanup(); });

  it('GET /api/system returns sides, proxies and dyads with evidence', async () => {
    const r = await get('/api/system?country=lby&window=week&half_life=90&top=5&evidence=2');
    assert.equal(r.status, 200);
    const v = r.body as SystemView;
    assert.deepEqual(v.params, { from: null, to: null, country: 'LBY', window: 'week', collapse: 'state', halfLife: 90 });
    assert.equal(v.dyads.length, 5);
    assert.ok(v.windows.every((w) => /^\d{4}-W\d{2}$/.test(w)));
    const tur = v.proxies.find((p) => p.backer === 'TUR');
    assert.ok(tur && tur.client === 'LBYGOV' && tur.opponent === 'LBYREB');
    assert.ok(tur.evidence.support.length > 0 && tur.evidence.support.length <= 2);
    assert.ok(v.proxies.every((p) => p.evidence.support.length > 0 && p.evidence.conflict.length > 0));
    const early = await get('/api/system?to=2019-12-31&country=LBY');
    assert.ok(early.body.stats.events < v.stats.events);
  });

  it('validates its parameters like the other endpoints', async () => {
    for (const url of ['/api/system?window=year', '/api/system?collapse=all', '/api/system?half_life=-1', '/api/system?top=0',
      '/api/system?country=LIBYA', '/api/system?from=2020-02-30', '/api/system?from=2020-06-01&to=2020-01-01', '/api/system?actor=TUR']) {
      const r = await get(url);
      assert.equal(r.status, 400, url);
      assert.equal(r.body.error.code, 'E_API_BAD_REQUEST', url);
    }
  });

  it('dyad system prints Markdown, JSON and DOT', () => {
    const md = cli('--country', 'LBY');
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /\*\*TUR\*\* backs \*\*LBYGOV\*\* against \*\*LBYREB\*\*/);
    assert.match(md.stdout, /LBYREB is backed by ARE, EGY, RUS/);
    assert.match(md.stdout, /support: #\d+ \d{4}-\d{2}-\d{2} TUR → LBYGOV \(072 Provide military aid\): “Turkey sent/);
    assert.match(md.stderr, /2 side\(s\), 4 proxy relation\(s\)/);
    const json = JSON.parse(cli('--format', 'json', '--window', 'day').stdout) as SystemView;
    assert.equal(json.params.window, 'day');
    assert.ok(json.dyads.length > 0);
    const dot = cli('--format', 'dot', '--country', 'LBY').stdout;
    assert.match(dot, /^graph conflict_system \{/);
    assert.match(dot, /"LBYGOV" -- "TUR" \[color="#237a52"/);
    const bad = cli('--window', 'year');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /E_USAGE: --window must be day, week or month/);
    assert.equal(cli('--format', 'svg').status, 2);
    assert.equal(cli('--from', '2020-13-01').status, 2);
  });
});
