/** `dyad ingest --queue URL PATH...`: enqueue documents for `dyad worker` (src/queue/). */
import { Queue } from 'bullmq';
import { DyadError } from '../core/errors.js';
import { checkQueueName, connectRedis, queueUrl, redactRedis } from '../queue/connection.js';
import { enqueuePaths } from '../queue/enqueue.js';
import { EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, reportError, say } from './io.js';

export interface EnqueueCli {
  queue: string;
  name: string;
  date: string;
  quiet: boolean;
  attempts: string;
  backoffMs: string;
}

export function intOption(v: string, flag: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new DyadError('E_USAGE', `${flag} must be an integer from ${min} to ${max}, not '${v}'`);
  return n;
}

export async function runEnqueue(paths: string[], o: EnqueueCli): Promise<number> {
  let url: string;
  let attempts: number;
  let backoffMs: number;
  try {
    url = queueUrl(o.queue);
    checkQueueName(o.name);
    attempts = intOption(o.attempts, '--attempts', 1, 100);
    backoffMs = intOption(o.backoffMs, '--backoff-ms', 0, 86_400_000);
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
  const redis = await connectRedis(url, 'client');
  const queue = new Queue(o.name, { connection: redis });
  let last = performance.now();
  try {
    const p = await enqueuePaths(paths, queue, {
      date: o.date,
      retry: { attempts, backoffMs },
      onError: (e) => reportError(e),
      onProgress: (pr, final) => {
        if (o.quiet || final || performance.now() - last < 2000) return;
        last = performance.now();
        say(`enqueued ${pr.enqueued}/${pr.total} documents`);
      },
    });
    say(`enqueued ${p.enqueued} document(s) on queue '${o.name}' at ${redactRedis(url)} in ${(p.elapsedMs / 1000).toFixed(1)} s; ` +
      `${p.skipped} skipped (the same text twice), ${p.failed} failed. Code them with: dyad worker --queue URL --db DB`);
    return p.failed ? EXIT_PARTIAL : EXIT_OK;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
