/**
 * Hostile requests against a real socket on 127.0.0.1: oversized and lying bodies, deep JSON, long URLs and
 * headers, wrong methods and media types, CORS probes, and fuzzed query strings and texts. The server must
 * answer each with a JSON error (never a 500, never a crash) and keep serving.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildApp, BODY_LIMIT } from '../src/server/app.js';
import { MAX_TEXT } from '../src/server/schemas.js';
import { openStore } from '../src/store/open.js';
import type { EventStore } from '../src/store/types.js';
import { ingest } from '../src/cli/ingest-run.js';
import { ROOT } from './helpers.js';
import { tempDir } from './store-helpers.js';
import { article, noise } from './fuzz-gen.js';
import { checkEvent } from './fuzz-check.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240316);

/** send raw bytes on a fresh connection; resolve with what came back before the server closed or `ms` passed */
function raw(port: number, data: string | Buffer, ms = 3000): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let got = '';
    const done = () => { s.destroy(); resolve(got); };
    s.setTimeout(ms, done);
    s.on('data', (d) => { got += d.toString('latin1'); });
    s.on('close', done);
    s.on('error', done);
    s.write(data);
  });
}

describe('HTTP API against hostile requests (loopback)', () => {
  const t = tempDir('dyad-hostile-');
  let store: EventStore;
  let app: FastifyInstance;
  let base = '';
  let port = 0;
  const json = { 'content-type': 'application/json' };
  const healthy = async () => assert.equal((await fetch(`${base}/api/stats`)).status, 200, 'still serving');
  const errorOf = async (r: Response) => ((await r.json()) as { error: { code: string; message: string } }).error;

  before(async () => {
    store = openStore(path.join(t.dir, 'hostile.db'));
    ingest([path.join(ROOT, 'examples')], store, { date: '2024-03-16' });
    app = buildApp({ store, dashboard: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    port = Number(new URL(base).port);
  });
  after(async () => {
    app.server.closeAllConnections(); // connections this test left half-open would otherwise wait for the timeouts
    await app.close();
    store.close();
    t.cleanup();
  });

  it('refuses bodies over the limit, counted in bytes (multibyte text) and streamed without a length', async () => {
    const cjk = '中'.repeat(Math.ceil(BODY_LIMIT / 3) + 10); // under MAX_TEXT characters, over the limit in bytes
    assert.ok(cjk.length < MAX_TEXT);
    const r = await fetch(`${base}/api/code`, { method: 'POST', headers: json, body: JSON.stringify({ text: cjk }) });
    assert.equal(r.status, 413);
    assert.equal((await errorOf(r)).code, 'E_API_TOO_LARGE');
    const chunked = `POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n` +
      `${(BODY_LIMIT + 100).toString(16)}\r\n{"text":"${'a'.repeat(BODY_LIMIT + 100 - 11)}"}\r\n0\r\n\r\n`;
    assert.match(await raw(port, chunked), /^HTTP\/1\.1 413/);
    const long = await fetch(`${base}/api/code`, { method: 'POST', headers: json, body: JSON.stringify({ text: 'a '.repeat(MAX_TEXT / 2 + 1) }) });
    assert.equal(long.status, 400, 'text longer than MAX_TEXT characters');
    await healthy();
  });

  it('survives a body shorter than its Content-Length, and a client that goes away mid-request', async () => {
    const lie = `POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n{"text":"Russia`;
    await raw(port, lie, 300);
    await raw(port, 'GET /api/events?limit=', 100);
    await raw(port, 'GARBAGE\r\n\r\n', 500);
    await healthy();
  });

  it('answers malformed and deeply nested JSON, wrong media types and methods with JSON errors', async () => {
    const cases: [RequestInit & { url?: string }, number | number[]][] = [
      [{ method: 'POST', headers: json, body: '['.repeat(200_000) + ']'.repeat(200_000) }, 400],
      [{ method: 'POST', headers: json, body: '{"text": "\\ud800"}' }, 200],
      [{ method: 'POST', headers: json, body: '"just a string"' }, 400],
      [{ method: 'POST', headers: json, body: '' }, 400],
      [{ method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Russia attacked Ukraine.' }, [400, 415]],
      [{ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=Russia+attacked' }, [400, 415]],
      [{ method: 'DELETE' }, 404],
      [{ method: 'PUT', headers: json, body: '{}' }, 404],
      [{ method: 'GET', url: '/api/code' }, 404],
    ];
    for (const [init, status] of cases) {
      const r = await fetch(`${base}${init.url ?? '/api/code'}`, init);
      const ok = Array.isArray(status) ? status : [status];
      assert.ok(ok.includes(r.status), `${init.method} ${String(init.body ?? '').slice(0, 30)}: ${r.status}`);
      if (r.status !== 200) assert.match((await errorOf(r)).code, /^E_[A-Z_]+$/);
    }
    await healthy();
  });

  it('answers an over-long URL and over-large headers without crashing', async () => {
    const url = await fetch(`${base}/api/events?q=${'x'.repeat(100_000)}`);
    assert.ok([400, 414, 431].includes(url.status), `status ${url.status}`);
    const hdr = await raw(port, `GET /api/stats HTTP/1.1\r\nHost: x\r\nCookie: ${'c'.repeat(70_000)}\r\n\r\n`);
    assert.match(hdr, /^HTTP\/1\.1 431/);
    await healthy();
  });

  it('has CORS off by default: no allow-origin header, no preflight answer', async () => {
    const r = await fetch(`${base}/api/events`, { headers: { origin: 'http://evil.example' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    const pre = await fetch(`${base}/api/events`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' } });
    assert.notEqual(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    assert.equal(pre.headers.get('access-control-allow-methods'), null);
  });

  it('never answers a fuzzed query string with a server error (600 requests)', async () => {
    const endpoints = ['/api/events', '/api/actors', '/api/network', '/api/timeline', '/api/clusters', '/api/events/1', '/api/stats'];
    const key = fc.constantFrom('from', 'to', 'actor', 'country', 'cameo', 'root', 'plover', 'quad', 'q', 'located', 'limit', 'offset', 'search', 'min_events', 'x', '__proto__', 'constructor', 'limit[]');
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.integer().map(String), fc.constantFrom('', '2024-02-30', '9999-99-99', '-1', '1e309', 'NaN', 'true', '%', '%00', '%E2%82', '\u0000', "' OR 1=1 --", '"*"', 'RUS*', 'AND', 'NEAR(', '^'));
    const query = fc.array(fc.tuple(key, value), { maxLength: 5 });
    await fc.assert(fc.asyncProperty(fc.constantFrom(...endpoints), query, async (ep, q) => {
      const qs = q.map(([k, v]) => `${k}=${/%/.test(v) ? v : encodeURIComponent(v)}`).join('&');
      const r = await fetch(`${base}${ep}${qs ? '?' + qs : ''}`);
      assert.ok([200, 400, 404].includes(r.status), `${ep}?${qs} → ${r.status}`);
      const body = await r.json() as { error?: { code: string } };
      if (r.status !== 200) assert.match(body.error!.code, /^E_API_/);
    }), { numRuns: 600, seed: SEED });
    await healthy();
  });

  it('codes fuzzed texts through POST /api/code: valid events or an input error, never a 500 (300 requests)', async () => {
    const text = fc.oneof(article, noise);
    await fc.assert(fc.asyncProperty(text, async (s) => {
      const r = await fetch(`${base}/api/code`, { method: 'POST', headers: json, body: JSON.stringify({ text: s, date: '2024-03-16' }) });
      const body = await r.json() as { events?: Parameters<typeof checkEvent>[1][]; sentences?: unknown[]; error?: { code: string } };
      if (r.status === 200) for (const e of body.events!) checkEvent(s, e, body.sentences!.length);
      else {
        assert.equal(r.status, 400, `${r.status} for ${JSON.stringify(s).slice(0, 80)}`);
        assert.match(body.error!.code, /^E_(INPUT_EMPTY|INPUT_BINARY|API_BAD_REQUEST)$/);
      }
    }), { numRuns: 300, seed: SEED });
    await healthy();
  });

  it('stays up through concurrent heavy requests (8 × 300 KB texts at once)', async () => {
    const big = 'Russia attacked Ukraine, and Turkey condemned Greece while '.repeat(5000);
    const all = await Promise.all(Array.from({ length: 8 }, () =>
      fetch(`${base}/api/code`, { method: 'POST', headers: json, body: JSON.stringify({ text: big, date: '2024-03-16' }) })));
    for (const r of all) assert.ok([200, 503].includes(r.status), `status ${r.status}`);
    await healthy();
  });
});
