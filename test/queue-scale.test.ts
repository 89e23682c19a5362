// Scale-out (issue #9): 10,000 documents on a real Redis queue, coded by 3 real `dyad worker` processes into a
// real PostgreSQL store while one worker is SIGKILLed mid-run. Every document must be stored exactly once and
// the store must hold exactly the events that coding the same documents locally (`dyad ingest` into SQLite)
// gives. Needs Debian's redis-server and postgresql; skips with the reason when they are not installed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { sha256 } from '../src/queue/job.js';
import { openAsyncStore } from '../src/store/open.js';
import type { AsyncEventStore, Cluster } from '../src/store/types.js';
import { BIN } from './helpers.js';
import { SERVERS_MISSING, startPostgres, startRedis, type PgServer, type RedisServer } from './servers.js';
import { publicPart, STORE_FIXTURES, tempDir } from './store-helpers.js';

const N = 10_000;
const QUEUE = 'scale';

/** Small documents: one paragraph of a fixture article after a line that makes every text distinct. */
function writeCorpus(file: string): Set<string> {
  const paras = readdirSync(STORE_FIXTURES).filter((f) => f.endsWith('.txt')).sort()
    .flatMap((f) => readFileSync(path.join(STORE_FIXTURES, f), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
  const hashes = new Set<string>();
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    const text = `Dispatch ${i}. ${paras[i % paras.length]}`;
    hashes.add(sha256(text));
    lines.push(JSON.stringify({ id: `j${i}`, date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`, text, source: ['AP', 'AFP', 'Reuters'][i % 3] }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return hashes;
}

interface Proc { child: ChildProcess; stderr: string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

function run(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = { child, stderr: '', exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))) };
  child.stderr!.on('data', (b) => { p.stderr += b; });
  child.stdout!.resume();
  return p;
}

async function stdoutOf(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b) => { out += b; });
  child.stderr.on('data', (b) => { err += b; });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 0, `dyad ${args.join(' ')}: ${err}`);
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs: string[]) => xs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('scale-out: 3 workers on Redis and PostgreSQL, one killed', { skip: SERVERS_MISSING, timeout: 600_000 }, () => {
  const t = tempDir('dyad-scale-');
  const corpus = path.join(t.dir, 'corpus.jsonl');
  const localDb = path.join(t.dir, 'local.db');
  let redis: RedisServer;
  let server: PgServer;
  let pgUrl = '';
  let hashes: Set<string>;
  const procs: Proc[] = [];

  before(async () => {
    hashes = writeCorpus(corpus);
    assert.equal(hashes.size, N);
    redis = await startRedis();
    server = await startPostgres();
    pgUrl = await server.createDb('scale');
  });
  after(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await redis?.stop();
    await server?.stop();
    t.cleanup();
  });

  it('enqueues 10,000 documents, each text once', async () => {
    const p = run(['ingest', '--queue', redis.url, '--queue-name', QUEUE, '--date', '2024-03-18', corpus]);
    procs.push(p);
    assert.equal((await p.exit).code, 0, p.stderr);
    assert.match(p.stderr, new RegExp(`enqueued ${N} document`));
    // the same file again adds nothing: the job id is the text's hash
    const again = run(['ingest', '--queue', redis.url, '--queue-name', QUEUE, '--date', '2024-03-18', corpus]);
    procs.push(again);
    assert.equal((await again.exit).code, 0, again.stderr);
    const s = JSON.parse(await stdoutOf(['queue', 'status', '--queue', redis.url, '--queue-name', QUEUE, '--json']));
    assert.equal(s.waiting, N);
  });

  it('codes every document exactly once with a worker SIGKILLed mid-run, and loses no event', async () => {
    // the reference: the same documents coded locally, into SQLite, while the workers run
    const local = run(['ingest', '--db', localDb, '--date', '2024-03-18', '--quiet', corpus]);
    procs.push(local);
    const workers = [1, 2, 3].map((k) => run(['worker', '--queue', redis.url, '--queue-name', QUEUE, '--db', pgUrl,
      '--name', `w${k}`, '--lock-ms', '4000', '--quiet']));
    procs.push(...workers);
    const db = new pg.Client({ connectionString: pgUrl });
    await db.connect();
    const rc = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE, { connection: rc });
    const docCount = async () => {
      try {
        return Number((await db.query('SELECT count(*) AS n FROM documents')).rows[0].n);
      } catch {
        return 0; // schema not created yet
      }
    };
    try {
      // kill worker 1 once a quarter is stored, at a moment it holds documents
      let held: string[] = [];
      let storedAtKill = 0;
      for (;;) {
        for (const w of workers) assert.equal(w.child.exitCode, null, `a worker ended early: ${w.stderr}`);
        storedAtKill = await docCount();
        if (storedAtKill >= N / 4) {
          held = (await queue.getJobs(['active'])).filter((j) => j?.processedBy === 'w1').map((j) => String(j.id));
          if (held.length) break;
        }
        await sleep(100);
      }
      workers[0].child.kill('SIGKILL');
      assert.equal((await workers[0].exit).signal, 'SIGKILL');
      assert.ok(storedAtKill < N, 'the kill came before the end');
      // the others finish the queue, the killed worker's documents included (after its locks expire)
      for (;;) {
        const c = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
        if ((await docCount()) >= N && Object.values(c).every((x) => !x)) break;
        for (const w of workers.slice(1)) assert.equal(w.child.exitCode, null, `a worker ended early: ${w.stderr}`);
        await sleep(250);
      }
      for (const w of workers.slice(1)) w.child.kill('SIGTERM');
      for (const w of workers.slice(1)) assert.equal((await w.exit).code, 0, w.stderr);
      assert.equal((await local.exit).code, 0, local.stderr);

      // exactly once: every text, once
      const rows = (await db.query('SELECT hash FROM documents')).rows as { hash: string }[];
      assert.equal(rows.length, N);
      assert.deepEqual(new Set(rows.map((r) => r.hash)), hashes);
      for (const h of held) assert.ok(hashes.has(h));
      const heldStored = Number((await db.query('SELECT count(*) AS n FROM documents WHERE hash = ANY($1::text[])', [held])).rows[0].n);
      assert.equal(heldStored, held.length, 'the documents the killed worker held are stored, once each');

      // the queue agrees: all completed, none failed or dead
      const s = JSON.parse(await stdoutOf(['queue', 'status', '--queue', redis.url, '--queue-name', QUEUE, '--json']));
      assert.deepEqual({ waiting: s.waiting, delayed: s.delayed, active: s.active, completed: s.completed, failed: s.failed, dead: s.dead_letter },
        { waiting: 0, delayed: 0, active: 0, completed: N, failed: 0, dead: 0 }, JSON.stringify(s));
    } finally {
      await queue.close();
      rc.disconnect();
      await db.end();
    }
  });

  it('holds exactly the events, mentions and clusters of coding the same documents locally', async () => {
    const pgs: AsyncEventStore = await openAsyncStore(pgUrl, { create: false });
    const lite: AsyncEventStore = await openAsyncStore(localDb, { create: false });
    try {
      assert.equal(await pgs.integrityCheck(), 'ok');
      const [a, b] = [await pgs.stats(), await lite.stats()];
      assert.ok(b.events > N, `the reference has ${b.events} events`);
      assert.deepEqual({ ...a, schema_version: 0 }, { ...b, schema_version: 0 });
      const events = async (s: AsyncEventStore) => sorted((await all(s.eachEvent({}))).map((e) => JSON.stringify(publicPart(e))));
      const [ea, eb] = [await events(pgs), await events(lite)];
      assert.equal(ea.length, b.events);
      assert.ok(ea.every((x, i) => x === eb[i]), 'every event field is the same');
      const clusters = async (s: AsyncEventStore) => sorted((await all(s.eachCluster({})))
        .map((c: Cluster) => JSON.stringify({ key: c.key, events: c.events, mentions: c.mentions, documents: c.documents, sources: c.sources })));
      assert.deepEqual(await clusters(pgs), await clusters(lite));
      // and `dyad export` reads the PostgreSQL store like the SQLite one
      const lines = (await stdoutOf(['export', '--db', pgUrl, '--format', 'jsonl'])).trim().split('\n');
      assert.equal(lines.length, b.events);
    } finally {
      await pgs.close();
      await lite.close();
    }
  });
});
