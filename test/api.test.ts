import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { BIN } from './helpers.js';
import { buildApp, BODY_LIMIT, isLoopback } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';
import type { EventStore } from '../src/store/types.js';
import { makeCoded, makeEvent, tempDir } from './store-helpers.js';

describe('HTTP API', () => {
  const t = tempDir();
  let store: EventStore;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.headers['content-type']?.toString().includes('json') ? r.json() : r.body, headers: r.headers };
  };

  before(async () => {
    store = openStore(path.join(t.dir, 'api.db'));
    const condemn = makeEvent({
      id: 'a:1:1', sentence: 1, cameo: '111', cameo_root: '11', quad_class: 3, goldstein: -2,
      source: { text: 'Ukraine', code: 'UKR', country: 'UKR', sector: null, name: null },
      target: { text: 'Russia', code: 'RUS', country: 'RUS', sector: null, name: null },
      plover: { type: 'ACCUSE', mode: null, context: [] },
      evidence: { start: 32, end: 56, text: 'Ukraine condemned Russia' },
    });
    store.write([
      makeCoded('a', 'Russian troops attacked Ukraine\nUkraine condemned Russia over the ceasefire.', [makeEvent({ id: 'a:0:0' }), condemn], { source: 'AP' }),
      makeCoded('b', 'Russian troops attacked Ukraine, Reuters reports.', [makeEvent({ id: 'b:0:0', date: '2024-03-19' })], { source: 'Reuters' }),
    ], []);
    app = buildApp({ store });
    await app.ready();
  });
  after(async () => { await app.close(); store.close(); t.cleanup(); });

  it('lists events with filters and pagination', async () => {
    const all = await get('/api/events');
    assert.equal(all.status, 200);
    assert.equal(all.body.total, 3);
    assert.equal(all.body.items[0].date, '2024-03-19', 'newest first');
    assert.equal((await get('/api/events?actor=ukr&quad=3')).body.total, 1);
    assert.equal((await get('/api/events?root=19&from=2024-03-19&to=2024-03-19')).body.total, 1);
    assert.equal((await get('/api/events?cameo=111&country=RUS')).body.total, 1);
    assert.equal((await get('/api/events?plover=ACCUSE')).body.total, 1);
    assert.equal((await get('/api/events?q=ceasefire')).body.total, 1);
    const page = await get('/api/events?limit=1&offset=2');
    assert.deepEqual([page.body.items.length, page.body.limit, page.body.offset], [1, 1, 2]);
  });

  it('gives an event with its evidence, mentions, document text and cluster', async () => {
    const id = (await get('/api/events?cameo=19&to=2024-03-18')).body.items[0].store.id;
    const d = await get(`/api/events/${id}`);
    assert.equal(d.status, 200);
    assert.equal(d.body.document.text.slice(d.body.event.evidence.start, d.body.event.evidence.end), d.body.event.evidence.text);
    assert.equal(d.body.mentions.length, 1);
    assert.equal(d.body.cluster.events, 1, 'the 19th is another day: its own cluster');
  });

  it('serves actors, network, timeline, clusters, stats and CAMEO names', async () => {
    const actors = await get('/api/actors?limit=10');
    assert.ok(actors.body.items.some((a: { code: string }) => a.code === 'RUSMIL'));
    assert.equal((await get('/api/actors?search=rusm')).body.items.length, 1);
    assert.equal((await get('/api/actors?quad=3')).body.items.length, 2);
    const net = await get('/api/network');
    assert.deepEqual(net.body.edges.map((e: { source: string; target: string; weight: number; quad_class: number }) =>
      `${e.source}>${e.target}:${e.quad_class}x${e.weight}`).sort(), ['RUSMIL>UKR:4x2', 'UKR>RUS:3x1']);
    assert.equal(net.body.nodes.length, 3);
    const tl = await get('/api/timeline');
    assert.deepEqual(tl.body.items.map((p: { date: string; total: number }) => [p.date, p.total]), [['2024-03-18', 2], ['2024-03-19', 1]]);
    const cl = await get('/api/clusters');
    assert.equal(cl.body.total, 3);
    assert.ok(cl.body.items[0].merged_on.length > 0);
    const stats = await get('/api/stats');
    assert.equal(stats.body.documents, 2);
    assert.equal((await get('/api/cameo')).body.names['190'] !== undefined, true);
  });

  it('rejects bad parameters with clear JSON errors', async () => {
    const cases: [string, RegExp][] = [
      ['/api/events?limit=0', /limit/],
      ['/api/events?limit=5000', /limit/],
      ['/api/events?offset=-1', /offset/],
      ['/api/events?quad=7', /quad/],
      ['/api/events?from=2024-3-1', /from/],
      ['/api/events?from=2024-02-30', /calendar/],
      ['/api/events?from=2024-03-20&to=2024-03-01', /after/],
      ['/api/events?actor=RUS;DROP', /actor/],
      ['/api/events?colour=red', /unknown query parameter 'colour'/],
      ['/api/events/abc', /id/],
      ['/api/network?limit=99999', /limit/],
      ['/api/clusters?min_events=0', /min_events/],
    ];
    for (const [url, msg] of cases) {
      const r = await get(url);
      assert.equal(r.status, 400, url);
      assert.equal(r.body.error.code, 'E_API_BAD_REQUEST', url);
      assert.match(r.body.error.message, msg, url);
    }
  });

  it('404s unknown events and routes with E_API_NOT_FOUND', async () => {
    for (const url of ['/api/events/999999', '/api/nothing', '/app/../../package.json', '/vendor/evil.js']) {
      const r = await get(url);
      assert.equal(r.status, 404, url);
      assert.equal(r.body.error.code, 'E_API_NOT_FOUND', url);
    }
  });

  it('codes pasted text on the fly, validating the body', async () => {
    const post = (payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      app.inject({ method: 'POST', url: '/api/code', payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers });
    const ok = await post({ text: 'Russian troops attacked Ukraine on Monday.', date: '2024-03-18' });
    assert.equal(ok.statusCode, 200);
    assert.ok(Array.isArray(ok.json().events));
    assert.equal(ok.json().date, '2024-03-18');
    const bad: [unknown, number, string][] = [
      [{}, 400, 'E_API_BAD_REQUEST'],
      [{ text: 'x', date: 'yesterday' }, 400, 'E_API_BAD_REQUEST'],
      [{ text: 'x', extra: 1 }, 400, 'E_API_BAD_REQUEST'],
      [{ text: '   ' }, 400, 'E_INPUT_EMPTY'],
      [{ text: 'x', date: '2023-02-29' }, 400, 'E_DATE_INVALID'],
      ['{not json', 400, 'E_API_BAD_REQUEST'],
      [{ text: 'x'.repeat(BODY_LIMIT + 10) }, 413, 'E_API_TOO_LARGE'],
    ];
    for (const [payload, status, code] of bad) {
      const r = await post(payload);
      assert.equal(r.statusCode, status, String(payload).slice(0, 40));
      assert.equal(r.json().error.code, code);
    }
  });

  it('serves the dashboard offline with a strict CSP and no CORS by default', async () => {
    const home = await get('/');
    assert.equal(home.status, 200);
    assert.match(String(home.body), /<div id="network"/);
    assert.match(String(home.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(home.headers['access-control-allow-origin'], undefined);
    for (const f of ['/app/app.js', '/app/style.css', '/vendor/cytoscape.mjs', '/vendor/topojson-client.js', '/vendor/countries-110m.json']) {
      assert.equal((await get(f)).status, 200, f);
    }
    const html = String(home.body);
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN');
    const cors = buildApp({ store, corsOrigin: 'http://localhost:3000' });
    const r = await cors.inject({ method: 'GET', url: '/api/stats' });
    assert.equal(r.headers['access-control-allow-origin'], 'http://localhost:3000');
    await cors.close();
  });

  it('dyad serve: listens on 127.0.0.1 (port 0 = any free one), answers, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--db', store.location, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no URL in time:\n${stderr}`)); }, 20_000);
      child.stderr.on('data', (b) => {
        stderr += b;
        const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      child.on('exit', () => reject(new Error(`serve exited:\n${stderr}`)));
    });
    try {
      const r = await fetch(`${url}/api/stats`);
      assert.equal(r.status, 200);
      assert.equal((await r.json()).documents, 2);
      assert.doesNotMatch(stderr, /WARNING/);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
    assert.match(stderr, /stopped/);
  });

  it('knows which hosts are loopback', () => {
    assert.ok(isLoopback('127.0.0.1'));
    assert.ok(isLoopback('::1'));
    assert.ok(!isLoopback('0.0.0.0'));
  });
});
