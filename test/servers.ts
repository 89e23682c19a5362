// Throw-away Redis and PostgreSQL servers for the scale-out tests (issue #9): Debian's packages, started on
// 127.0.0.1 on free ports with data in a temporary directory, and torn down afterwards. When a package is
// missing the tests skip with the reason (SERVERS_MISSING); a server that is installed but fails to start fails.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/bin', '/usr/sbin', '/usr/local/bin'])) {
    const p = path.join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

/** Debian installs the server binaries under /usr/lib/postgresql/<major>/bin (the newest is used). */
function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : null;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** root cannot run initdb/postgres: run them as the `postgres` user the package creates */
function pgUser(): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) return null;
  const f = line.split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

export const REDIS_SERVER = which('redis-server');
export const PG_BIN = pgBin();

/** Why Redis cannot run here, or false when it can. */
export const REDIS_MISSING: string | false = REDIS_SERVER ? false : 'skipped: redis-server is not installed (apt-get install redis-server)';

/** Why PostgreSQL cannot run here, or false when it can. */
export const PG_MISSING: string | false = !PG_BIN
  ? 'skipped: PostgreSQL is not installed (apt-get install postgresql)'
  : isRoot && (!pgUser() || !which('runuser'))
    ? 'skipped: running as root without a postgres user and runuser to start PostgreSQL (initdb refuses root)'
    : false;

/** Why the two servers cannot both run here, or false when they can. */
export const SERVERS_MISSING: string | false = REDIS_MISSING || PG_MISSING
  ? [REDIS_MISSING, PG_MISSING].filter(Boolean).join('; ')
  : false;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RedisServer { url: string; port: number; pid: number; stop(): Promise<void> }

/** CPU seconds of a process (utime + stime), plus those of its reaped children when `children`. */
export function cpuSeconds(pid: number, children = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // fields after "pid (comm) ": state=0 ... utime=11 stime=12 cutime=13 cstime=14 (clock ticks, 100 per second)
    const n = Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
    return n / 100;
  } catch {
    return 0;
  }
}

/** The processes whose parent is `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(f[1]) === pid) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}

export async function startRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dyad-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(REDIS_SERVER!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--dir', dir, '--protected-mode', 'yes'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b) => { err += b; });
  const url = `redis://127.0.0.1:${port}`;
  const kill = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  process.once('exit', kill);
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${err}`);
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => {});
    try {
      await r.connect();
      if ((await r.ping()) === 'PONG') { r.disconnect(); break; }
    } catch {
      r.disconnect();
      if (i > 300) throw new Error(`redis-server did not answer on ${url}: ${err}`);
      await sleep(100);
    }
  }
  return {
    url, port, pid: child.pid!,
    stop: async () => {
      kill();
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PgServer {
  port: number;
  /** CPU seconds used by the whole cluster so far (postmaster, its live processes and the exited ones) */
  cpuSeconds(): number;
  /** a URL to a new, empty database */
  createDb(name: string): Promise<string>;
  stop(): Promise<void>;
}

function runPg(bin: string, args: string[]): void {
  const cmd = isRoot ? 'runuser' : path.join(PG_BIN!, bin);
  const argv = isRoot ? ['-u', 'postgres', '--', path.join(PG_BIN!, bin), ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: os.tmpdir() });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/**
 * A temporary cluster (initdb), trust authentication for user "dyad", on 127.0.0.1 only. fsync is off
 * (throw-away data) unless `durable` (the benchmark: Postgres' default durability).
 */
export async function startPostgres(o: { durable?: boolean } = {}): Promise<PgServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dyad-pg-'));
  if (isRoot) {
    const u = pgUser()!;
    chownSync(dir, u.uid, u.gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  runPg('initdb', ['-D', data, '-U', 'dyad', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const fast = o.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100${fast}`;
  runPg('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '120', '-o', opts, 'start']);
  const stopSync = () => {
    if (!existsSync(data)) return;
    try { runPg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']); } catch { /* already stopped */ }
  };
  process.once('exit', stopSync);
  const base = `postgres://dyad@127.0.0.1:${port}`;
  const postmaster = () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    port,
    cpuSeconds: () => {
      const pm = postmaster();
      return cpuSeconds(pm, true) + childPids(pm).reduce((n, p) => n + cpuSeconds(p), 0);
    },
    createDb: async (name: string) => {
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name.replace(/[^a-z0-9_]/g, '')}`);
      } finally {
        await c.end();
      }
      return `${base}/${name}`;
    },
    stop: async () => {
      stopSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
