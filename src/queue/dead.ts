/**
 * The dead-letter list: documents the workers gave up on (a failure of the document itself, or every retry
 * used up), one entry per document with its error, kept in Redis until retried. BullMQ's own failed set is
 * bounded (jobOptions keeps the last 10,000); this list is not, and `dyad queue retry-dead` re-enqueues it.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { deadKeys } from './connection.js';
import { DEFAULT_RETRY, JOB_NAME, jobOptions, type RetryPolicy } from './job.js';

export interface DeadLetter {
  /** the document's text hash, or `job:<id>` for a job without a usable text */
  key: string;
  job: string;
  /** the input's id and origin, when the job had them */
  id: string;
  origin: string;
  code: string;
  message: string;
  /** attempts made, this last one included */
  attempts: number;
  /** ISO time of the last failure */
  at: string;
  /** the job's data as enqueued, to enqueue it again */
  data: unknown;
}

export async function addDead(redis: Redis, queue: string, d: DeadLetter): Promise<void> {
  const k = deadKeys(queue);
  await redis.multi().zadd(k.order, Date.parse(d.at), d.key).hset(k.data, d.key, JSON.stringify(d)).exec();
}

/** Forget dead letters of documents that have now been stored. */
export async function clearDead(redis: Redis, queue: string, keys: string[]): Promise<void> {
  if (!keys.length) return;
  const k = deadKeys(queue);
  await redis.multi().zrem(k.order, ...keys).hdel(k.data, ...keys).exec();
}

export async function deadCount(redis: Redis, queue: string): Promise<number> {
  return redis.zcard(deadKeys(queue).order);
}

/** The newest `limit` dead letters, newest first. */
export async function listDead(redis: Redis, queue: string, limit: number): Promise<DeadLetter[]> {
  const k = deadKeys(queue);
  const keys = limit > 0 ? await redis.zrevrange(k.order, 0, limit - 1) : [];
  if (!keys.length) return [];
  const raw = await redis.hmget(k.data, ...keys);
  return raw.filter((x): x is string => !!x).map((x) => JSON.parse(x) as DeadLetter);
}

/**
 * Enqueue every dead letter again with fresh attempts (after fixing what made them fail); returns how many.
 * A document's old failed job is removed first so its id (the text hash) can be used again.
 */
export async function retryDead(redis: Redis, queue: Queue, r: RetryPolicy = DEFAULT_RETRY): Promise<number> {
  const k = deadKeys(queue.name);
  let n = 0;
  for (;;) {
    const batch = await listDead(redis, queue.name, 500);
    if (!batch.length) return n;
    for (const d of batch) {
      const old = await queue.getJob(d.job);
      if (old && (await old.isFailed())) await old.remove();
      const hash = d.key.startsWith('job:') ? d.job : d.key;
      await queue.add(JOB_NAME, d.data, jobOptions(hash, r));
      await redis.multi().zrem(k.order, d.key).hdel(k.data, d.key).exec();
      n++;
    }
  }
}
