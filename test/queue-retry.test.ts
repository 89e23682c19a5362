// Queue failures (issue #9) on a real Redis: transient errors are retried with backoff; documents that fail
// for a reason of their own, or use up their attempts, land in the dead-letter list with their error, are
// shown by `dyad queue status`, and come back with `dyad queue retry-dead`. Needs Debian's redis-server.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DyadError } from '../src/core/errors.js';
import { connectRedis } from '../src/queue/connection.js';
import { listDead } from '../src/queue/dead.js';
import { JOB_NAME, jobOptions, sha256, type DocJob } from '../src/queue/job.js';
import { queueStatus } from '../src/queue/status.js';
import { QueueWorker } from '../src/queue/worker.js';
import { openAsyncStore } from '../src/store/open.js';
import type { AsyncEventStore } from '../src/store/types.js';
import { BIN } from './helpers.js';
import { REDIS_MISSING, startRedis, type RedisServer } from './servers.js';
import { tempDir } from './store-helpers.js';

const TEXTS = [
  'Indian troops clashed with Pakistani soldiers along the Line of Control on Monday.',
  'Pakistan accused India of violating the ceasefire.',
  'The United Nations called on India and Pakistan to show restraint.',
];

function job(i: number, over: Partial<DocJob> = {}): DocJob {
  const text = over.text ?? `Report ${i}. ${TEXTS[i % TEXTS.length]}`;
  return { id: `r${i}`, text, date: '2024-03-18', url: null, source: 'AP', origin: `r.jsonl:${i + 1}`, hash: sha256(text), ...over };
}

/** A store whose writes of documents fail `failures` times (or always) with E_STORE, as an unreachable database would. */
function flaky(store: AsyncEventStore, failures: number): AsyncEventStore & { calls: number } {
  const s = Object.create(store) as AsyncEventStore & { calls: number };
  s.calls = 0;
  s.write = async (docs, f) => {
    if (docs.length && s.calls++ < failures) throw new DyadError('E_STORE', 'cannot write to the store: connection refused');
    return store.write(docs, f);
  };
  return s;
}

async function dyad(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b) => { out += b; });
  child.stderr.on('data', (b) => { err += b; });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, out, err };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until nothing is waiting, retrying or active. */
async function settle(q: Queue): Promise<void> {
  for (;;) {
    const c = await q.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    if (Object.values(c).every((x) => !x)) return;
    await sleep(50);
  }
}

describe('queue: retries, dead letters, status', { skip: REDIS_MISSING, timeout: 120_000 }, () => {
  const t = tempDir('dyad-qretry-');
  let server: RedisServer;
  let redis: Redis;
  let store: AsyncEventStore;
  const dbFile = path.join(t.dir, 'q.db');

  before(async () => {
    server = await startRedis();
    redis = await connectRedis(server.url, 'worker');
    store = await openAsyncStore(dbFile);
  });
  after(async () => {
    redis?.disconnect();
    await store?.close();
    await server?.stop();
    t.cleanup();
  });

  it('retries a transient failure with backoff, then stores the documents once', async () => {
    const q = new Queue('transient', { connection: redis });
    const jobs = [0, 1, 2].map((i) => job(i));
    await q.addBulk(jobs.map((j) => ({ name: JOB_NAME, data: j, opts: jobOptions(j.hash, { attempts: 4, backoffMs: 20 }) })));
    const s = flaky(store, 2);
    const w = new QueueWorker({ queue: 'transient', redis, store: s, batchWaitMs: 50 });
    await settle(q);
    await w.close();
    const got = await Promise.all(jobs.map((j) => q.getJob(j.hash)));
    assert.deepEqual(got.map((j) => j?.returnvalue?.stored), [true, true, true], 'completed, each stored by this delivery');
    assert.ok(got.every((j) => j!.attemptsMade >= 1), 'each document was retried at least once');
    assert.deepEqual([...await store.storedHashes(jobs.map((j) => j.hash))].sort(), jobs.map((j) => j.hash).sort());
    const st = await queueStatus(q, redis);
    assert.equal(st.completed, 3);
    assert.equal(st.dead_letter, 0);
    await q.close();
  });

  it('sends a document to the dead-letter list when its attempts are used up, and retry-dead brings it back', async () => {
    const q = new Queue('exhausted', { connection: redis });
    const j = job(10);
    await q.add(JOB_NAME, j, jobOptions(j.hash, { attempts: 3, backoffMs: 10 }));
    const w = new QueueWorker({ queue: 'exhausted', redis, store: flaky(store, Infinity), batchWaitMs: 5 });
    await settle(q);
    await w.close();
    const st = await queueStatus(q, redis);
    assert.equal(st.failed, 1);
    assert.equal(st.dead_letter, 1);
    assert.equal(st.errors[0].code, 'E_STORE');
    assert.equal(st.errors[0].attempts, 3);
    assert.equal(st.errors[0].origin, j.origin);
    // the CLI shows the same; retry-dead enqueues it again and a worker stores it
    const text = await dyad(['queue', 'status', '--queue', server.url, '--queue-name', 'exhausted']);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /dead-letter\s+1/);
    assert.match(text.out, /r\.jsonl:11 {2}E_STORE: cannot write to the store/);
    const retry = await dyad(['queue', 'retry-dead', '--queue', server.url, '--queue-name', 'exhausted']);
    assert.equal(retry.code, 0, retry.err);
    assert.match(retry.err, /enqueued 1 dead-letter document/);
    const worker = await dyad(['worker', '--queue', server.url, '--queue-name', 'exhausted', '--db', dbFile, '--until-empty', '--quiet']);
    assert.equal(worker.code, 0, worker.err);
    assert.match(worker.err, /1 stored/);
    const after = JSON.parse((await dyad(['queue', 'status', '--queue', server.url, '--queue-name', 'exhausted', '--json'])).out);
    assert.equal(after.dead_letter, 0);
    assert.equal(after.failed, 0);
    assert.ok((await store.storedHashes([j.hash])).has(j.hash));
    await q.close();
  });

  it('does not retry a document that is bad in itself, and records it in the store too', async () => {
    const q = new Queue('permanent', { connection: redis });
    const bad = job(20, { date: '2024-02-30' });
    const good = job(21);
    await q.addBulk([
      { name: JOB_NAME, data: bad, opts: jobOptions(bad.hash, { attempts: 5, backoffMs: 10 }) },
      { name: JOB_NAME, data: { nothing: 'here' }, opts: { ...jobOptions('malformed', { attempts: 5, backoffMs: 10 }) } },
      { name: JOB_NAME, data: good, opts: jobOptions(good.hash, { attempts: 5, backoffMs: 10 }) },
    ]);
    const w = new QueueWorker({ queue: 'permanent', redis, store, batchWaitMs: 20 });
    await settle(q);
    await w.close();
    const dead = await listDead(redis, 'permanent', 10);
    assert.deepEqual(dead.map((d) => [d.code, d.attempts]).sort(), [['E_DATE_INVALID', 1], ['E_QUEUE_JOB', 1]]);
    assert.ok((await store.storedHashes([good.hash])).has(good.hash));
    assert.equal((await store.failedHashes([bad.hash])).get(bad.hash), 'E_DATE_INVALID');
    const st = await queueStatus(q, redis);
    assert.deepEqual([st.completed, st.failed, st.dead_letter, st.delayed], [1, 2, 2, 0]);
    await q.close();
  });

  it('rejects a bad queue URL or name, and an unreachable Redis, with their codes', async () => {
    const bad = await dyad(['worker', '--queue', 'http://x', '--db', dbFile]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /E_USAGE: --queue must be a redis:\/\/ URL/);
    const name = await dyad(['queue', 'status', '--queue', server.url, '--queue-name', 'a b']);
    assert.equal(name.code, 2);
    const down = await dyad(['queue', 'status', '--queue', 'redis://127.0.0.1:1']);
    assert.equal(down.code, 2);
    assert.match(down.err, /E_QUEUE: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});
