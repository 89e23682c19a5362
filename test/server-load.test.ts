/**
 * A bounded loopback load test of the HTTP API (autocannon): 200 requests/s offered for 5 seconds (1,000
 * requests) over a real socket on 127.0.0.1, mixing every read endpoint with on-the-fly coding. Asserts no
 * error, no timeout, no non-2xx answer, every request answered; prints throughput and latency percentiles
 * (no timing threshold: the figures are for the record, the machine may be shared).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';
import type { EventStore } from '../src/store/types.js';
import { ingest } from '../src/cli/ingest-run.js';
import { ROOT } from './helpers.js';
import { tempDir } from './store-helpers.js';

interface Histogram { average: number; p50: number; p90: number; p99: number; max: number }
interface CannonResult {
  errors: number; timeouts: number; non2xx: number; duration: number;
  requests: Histogram & { total: number; sent: number };
  latency: Histogram;
  statusCodeStats: Record<string, { count: number }>;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const RATE = 200;
const AMOUNT = 1000;

describe('HTTP API under load (loopback, bounded)', () => {
  const t = tempDir('dyad-load-');
  let store: EventStore;
  let app: FastifyInstance;
  let base = '';

  before(async () => {
    store = openStore(path.join(t.dir, 'load.db'));
    const p = ingest([path.join(ROOT, 'examples')], store, { date: '2024-03-16' });
    assert.ok(p.stored > 0 && p.events > 0, 'a store with events to serve');
    app = buildApp({ store, dashboard: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/, 'loopback only');
  });
  after(async () => { await app.close(); store.close(); t.cleanup(); });

  it(`holds ${RATE} requests/s over every endpoint with no error (${AMOUNT} requests)`, async () => {
    const json = { 'content-type': 'application/json' };
    const r = await autocannon({
      url: base,
      connections: 10,
      overallRate: RATE,
      amount: AMOUNT,
      timeout: 10,
      requests: [
        { method: 'GET', path: '/api/stats' },
        { method: 'GET', path: '/api/events?limit=20' },
        { method: 'GET', path: '/api/events?root=19&limit=5' },
        { method: 'GET', path: '/api/actors?limit=20' },
        { method: 'GET', path: '/api/network' },
        { method: 'GET', path: '/api/timeline' },
        { method: 'GET', path: '/api/clusters?limit=10' },
        { method: 'POST', path: '/api/code', headers: json, body: JSON.stringify({ text: 'Russian forces shelled Kharkiv on Monday. Turkey condemned Greece, officials said.', date: '2024-03-16' }) },
      ],
    });
    const rate = r.requests.total / r.duration;
    console.log(`# load: ${r.requests.total} requests in ${r.duration.toFixed(1)} s = ${rate.toFixed(0)} req/s offered ${RATE}; ` +
      `latency ms p50 ${r.latency.p50} p90 ${r.latency.p90} p99 ${r.latency.p99} max ${r.latency.max}; ` +
      `errors ${r.errors} timeouts ${r.timeouts} non-2xx ${r.non2xx}; status ${JSON.stringify(r.statusCodeStats)}`);
    assert.equal(r.errors, 0, 'no connection errors');
    assert.equal(r.timeouts, 0, 'no timeouts');
    assert.equal(r.non2xx, 0, 'every answer 2xx');
    assert.ok(r.requests.total >= AMOUNT, `all ${AMOUNT} requests answered (${r.requests.total})`);
    // the server is still healthy afterwards
    const res = await fetch(`${base}/api/stats`);
    assert.equal(res.status, 200);
  });
});
