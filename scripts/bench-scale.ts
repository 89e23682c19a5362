// Throughput of `dyad worker` on Redis + PostgreSQL with 1, 2 and 3 workers on this machine (docs/scale.md).
// Starts throw-away servers (Debian's redis-server and postgresql, as the tests do; Postgres with its default
// durability), enqueues N copies of examples/*.txt (a "Dispatch i." line keeps every text distinct) and times
// the workers from start to an empty queue. Also times one local `dyad ingest` into SQLite and PostgreSQL.
//   npx tsc -p . && node dist/scripts/bench-scale.js [N=4000] [max workers=3]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BIN, ROOT } from '../test/helpers.js';
import { cpuSeconds, SERVERS_MISSING, startPostgres, startRedis } from '../test/servers.js';

const N = Number(process.argv[2] ?? 4000);
const MAX = Number(process.argv[3] ?? 3);

/** Run dyad under bash, whose `times` reports the CPU seconds the dyad process used. */
function dyad(args: string[]): Promise<{ code: number | null; err: string; cpu: number }> {
  const q = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const cmd = `${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')}; rc=$?; times >&2; exit $rc`;
  const child = spawn('bash', ['-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b) => { err += b; });
  return new Promise((resolve) => child.on('exit', (code) => {
    const lines = err.trim().split('\n');
    const sec = (x: string) => { const m = /(\d+)m([\d.]+)s/.exec(x); return m ? Number(m[1]) * 60 + Number(m[2]) : 0; };
    const kids = (lines.pop() ?? '').split(/\s+/);
    lines.pop(); // the shell's own times
    resolve({ code, err: lines.join('\n'), cpu: sec(kids[0]) + sec(kids[1] ?? '') });
  }));
}

async function timed(f: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  if (SERVERS_MISSING) throw new Error(SERVERS_MISSING);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dyad-bench-scale-'));
  const bases = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => readFileSync(path.join(ROOT, 'examples', f), 'utf8'));
  const corpus = path.join(dir, 'corpus.jsonl');
  writeFileSync(corpus, Array.from({ length: N }, (_, i) => JSON.stringify({
    id: `b${i}`, date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`, text: `Dispatch ${i}. ${bases[i % bases.length]}`,
    source: ['AP', 'AFP', 'Reuters', 'BBC', 'DW'][i % 5],
  })).join('\n') + '\n');
  const redis = await startRedis();
  const server = await startPostgres({ durable: true });
  const stop = async () => { await redis.stop(); await server.stop(); rmSync(dir, { recursive: true, force: true }); process.exit(1); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const rows: string[] = [];
  const load = () => os.loadavg()[0].toFixed(1);
  const admin = new pg.Client({ connectionString: (await server.createDb('bench_admin')) });
  await admin.connect();
  const lsn = async () => String((await admin.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l);
  const walKb = async (from: string) => Number((await admin.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS d', [from])).rows[0].d) / 1024;
  let wal = 0;
  const row = (what: string, wall: number, dyadCpu: number, pgCpu: number, redisCpu: number) => {
    const all = dyadCpu + pgCpu + redisCpu;
    rows.push(`| ${what} | ${wall.toFixed(1)} s | ${(N / wall).toFixed(0)} | ${dyadCpu.toFixed(1)} | ${pgCpu.toFixed(1)} | ` +
      `${redisCpu ? redisCpu.toFixed(1) : '–'} | ${(1000 * dyadCpu / N).toFixed(2)} + ${(1000 * pgCpu / N).toFixed(2)} + ${(1000 * redisCpu / N).toFixed(2)} | ${(N / all).toFixed(0)} | ${wal ? (wal / N).toFixed(1) : '–'} | ${load()} |`);
  };
  try {
    const lite = path.join(dir, 'local.db');
    let cpu = 0;
    const sec = await timed(async () => { const r = await dyad(['ingest', '--quiet', '--db', lite, corpus]); if (r.code) throw new Error(r.err); cpu = r.cpu; });
    row('local `dyad ingest` → SQLite (no queue)', sec, cpu, 0, 0);
    const pgLocal = await server.createDb('local');
    let pg0 = server.cpuSeconds();
    let l0 = await lsn();
    const sec2 = await timed(async () => { const r = await dyad(['ingest', '--quiet', '--db', pgLocal, corpus]); if (r.code) throw new Error(r.err); cpu = r.cpu; });
    wal = await walKb(l0);
    row('local `dyad ingest` → PostgreSQL (no queue)', sec2, cpu, server.cpuSeconds() - pg0, 0);
    for (let w = 1; w <= MAX; w++) {
      const db = await server.createDb(`w${w}`);
      const q = `bench${w}`;
      const e = await dyad(['ingest', '--queue', redis.url, '--queue-name', q, corpus]);
      if (e.code) throw new Error(e.err);
      const lines: string[] = [];
      let workerCpu = 0;
      pg0 = server.cpuSeconds();
      l0 = await lsn();
      const r0 = cpuSeconds(redis.pid);
      const s = await timed(async () => {
        const rs = await Promise.all(Array.from({ length: w }, (_, k) =>
          dyad(['worker', '--queue', redis.url, '--queue-name', q, '--db', db, '--until-empty', '--name', `b${k}`])));
        for (const r of rs) { if (r.code) throw new Error(r.err); lines.push(r.err.trim().split('\n').pop()!); workerCpu += r.cpu; }
      });
      const pgCpu = server.cpuSeconds() - pg0;
      wal = await walKb(l0);
      const redisCpu = cpuSeconds(redis.pid) - r0;
      const c = new pg.Client({ connectionString: db });
      await c.connect();
      const n = Number((await c.query('SELECT count(*) AS n FROM documents')).rows[0].n);
      await c.end();
      if (n !== N) throw new Error(`${n} documents stored, not ${N}`);
      row(`${w} \`dyad worker\` → PostgreSQL via Redis`, s, workerCpu, pgCpu, redisCpu);
      for (const l of lines) process.stderr.write(`  ${l}\n`);
    }
  } finally {
    await admin.end();
    await redis.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${N} documents (examples/*.txt), ${os.cpus().length} cores\n` +
    '| run | wall | docs/s | CPU s: dyad | CPU s: PostgreSQL | CPU s: Redis | CPU ms per doc (dyad + PG + Redis) | docs per CPU-second | WAL KB per doc | load avg (1 min) after |\n' +
    `|---|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`);
}

main().catch((e) => { process.stderr.write(`${(e as Error).stack ?? e}\n`); process.exit(1); });
