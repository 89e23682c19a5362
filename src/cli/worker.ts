/** `dyad worker`: code documents from the Redis queue into the store (src/queue/worker.ts, docs/scale.md). */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { checkQueueName, connectRedis, queueUrl, redactRedis } from '../queue/connection.js';
import { QueueWorker, type BatchReport } from '../queue/worker.js';
import { dbLocation, openAsyncStore } from '../store/open.js';
import { intOption } from './ingest-queue.js';
import { EXIT_OK, EXIT_USAGE, reportError, say } from './io.js';

export const WORKER_HELP = `usage: dyad worker --queue URL --db DB [options]
Code the documents that 'dyad ingest --queue' put on a Redis queue, and write them to the store. Run as
many workers as you like, on as many machines: each document is stored exactly once (by the sha256 of its
text), a killed worker's documents go back to the queue, and failed ones are retried with backoff, then kept
in a dead-letter list ('dyad queue status'). SIGINT/SIGTERM: finish the documents held, then exit.
  --queue URL         redis://host:port (default: $DYAD_QUEUE)
  --queue-name NAME   the queue (default dyad)
  --db PATH|URL       the store: postgres://user@host:port/db for workers on several machines, or a SQLite
                      file for workers on one (default: $DYAD_DB, else dyad.db)
  --concurrency N     documents held at once (default 128)
  --batch N           documents coded and written per transaction (default 64)
  --lock-ms N         job lock; a dead worker's documents return to the queue after about this long
                      (default 30000)
  --name NAME         worker name recorded on its jobs (default host:pid)
  --until-empty       exit once nothing is waiting, retrying or being coded anywhere
  --quiet             no progress lines
`;

export async function runWorker(argv: string[]): Promise<number> {
  let o;
  let url: string;
  let n: { concurrency: number; batch: number; lockMs: number };
  try {
    o = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        queue: { type: 'string' },
        'queue-name': { type: 'string', default: 'dyad' },
        db: { type: 'string' },
        concurrency: { type: 'string', default: '128' },
        batch: { type: 'string', default: '64' },
        'lock-ms': { type: 'string', default: '30000' },
        name: { type: 'string' },
        'until-empty': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
    if (o.help) {
      process.stdout.write(WORKER_HELP);
      return EXIT_OK;
    }
    url = queueUrl(o.queue as string | undefined);
    checkQueueName(o['queue-name'] as string);
    n = {
      concurrency: intOption(o.concurrency as string, '--concurrency', 1, 10_000),
      batch: intOption(o.batch as string, '--batch', 1, 10_000),
      lockMs: intOption(o['lock-ms'] as string, '--lock-ms', 1000, 3_600_000),
    };
  } catch (e) {
    reportError(e);
    process.stderr.write(WORKER_HELP);
    return EXIT_USAGE;
  }
  const name = (o.name as string | undefined) ?? `${os.hostname()}:${process.pid}`;
  const queueName = o['queue-name'] as string;
  const store = await openAsyncStore(dbLocation(o.db as string | undefined), { create: true });
  const redis = await connectRedis(url, 'worker').catch(async (e) => { await store.close(); throw e; });
  const total: BatchReport = { jobs: 0, stored: 0, duplicates: 0, failed: 0, events: 0, ms: 0, codeMs: 0, storeMs: 0 };
  const t0 = performance.now();
  let failures = 0;
  const c0 = process.cpuUsage();
  const cpu = () => { const c = process.cpuUsage(c0); return ((c.user + c.system) / 1e6).toFixed(1); };
  const line = () => {
    const sec = (performance.now() - t0) / 1000;
    return `worker ${name}: ${total.stored} stored (${total.events} events), ${total.duplicates} already stored, ` +
      `${total.failed} failed attempts; ${(total.stored / Math.max(sec, 1e-3)).toFixed(1)} docs/s over ${sec.toFixed(1)} s ` +
      `(CPU ${cpu()} s; in batches: coding ${(total.codeMs / 1000).toFixed(1)} s, waiting for the store ${(total.storeMs / 1000).toFixed(1)} s)`;
  };
  const w = new QueueWorker({
    queue: queueName, redis, store, name, concurrency: n.concurrency, batch: n.batch, lockMs: n.lockMs,
    onBatch: (b) => {
      total.jobs += b.jobs; total.stored += b.stored; total.duplicates += b.duplicates; total.failed += b.failed; total.events += b.events;
      total.codeMs += b.codeMs; total.storeMs += b.storeMs;
    },
    onError: (e) => reportError(e),
    // the first failures in full, then one in a hundred (a broken store fails every document)
    onFailure: (e, attempt, final) => {
      if (o.quiet || (++failures > 20 && failures % 100)) return;
      say(`${e.toLine()} (attempt ${attempt}${final ? ', dead-lettered' : ', will retry'}${failures > 20 ? `; ${failures} failed attempts so far` : ''})`);
    },
  });
  if (!o.quiet) say(`worker ${name} on queue '${queueName}' at ${redactRedis(url)}, store ${store.location}`);
  const ticker = o.quiet ? null : setInterval(() => say(line()), 5000);
  const probe = new Queue(queueName, { connection: redis });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    if (o['until-empty']) {
      const check = setInterval(() => {
        probe.getJobCounts('waiting', 'prioritized', 'delayed', 'active').then((c) => {
          if (w.held === 0 && Object.values(c).every((x) => !x)) { clearInterval(check); resolve(); }
        }).catch((e) => reportError(e));
      }, 500);
      process.once('SIGINT', () => clearInterval(check));
      process.once('SIGTERM', () => clearInterval(check));
    }
  });
  if (ticker) clearInterval(ticker);
  try {
    await w.close();
    await probe.close();
  } finally {
    redis.disconnect();
    await store.close();
  }
  say(line());
  return EXIT_OK;
}
