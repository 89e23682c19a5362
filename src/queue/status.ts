/** `dyad queue status`: where the documents of a queue are, and why the failed ones failed. */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { deadCount, listDead, type DeadLetter } from './dead.js';

export interface QueueStatus {
  queue: string;
  /** waiting to be picked up (prioritized included) */
  waiting: number;
  /** failed an attempt and waiting for its backoff to retry */
  delayed: number;
  /** being coded by a worker now */
  active: number;
  /** coded and written (or found already stored), ever: BullMQ's exact completion counter */
  completed: number;
  /** in BullMQ's failed set: no attempt left (the last 10,000 are kept) */
  failed: number;
  /** documents given up on, with their errors, until `dyad queue retry-dead` */
  dead_letter: number;
  /** workers connected to the queue now */
  workers: number;
  /** the newest dead letters (without their data) */
  errors: Omit<DeadLetter, 'data'>[];
}

export async function queueStatus(queue: Queue, redis: Redis, errors = 20): Promise<QueueStatus> {
  const c = await queue.getJobCounts('waiting', 'prioritized', 'waiting-children', 'delayed', 'active', 'completed', 'failed');
  const metrics = await queue.getMetrics('completed', 0, 0);
  const dead = await listDead(redis, queue.name, errors);
  return {
    queue: queue.name,
    waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0),
    delayed: c.delayed ?? 0,
    active: c.active ?? 0,
    completed: Math.max(Number(metrics.meta?.count ?? 0), c.completed ?? 0),
    failed: c.failed ?? 0,
    dead_letter: await deadCount(redis, queue.name),
    workers: await queue.getWorkersCount(),
    errors: dead.map(({ data: _d, ...rest }) => rest),
  };
}

/** The status as the CLI prints it. */
export function formatStatus(s: QueueStatus, where: string): string {
  const rows: [string, number, string][] = [
    ['waiting', s.waiting, ''],
    ['delayed', s.delayed, 'failed an attempt, retrying after a backoff'],
    ['active', s.active, 'being coded now'],
    ['completed', s.completed, ''],
    ['failed', s.failed, "no attempt left (BullMQ's failed set)"],
    ['dead-letter', s.dead_letter, "documents given up on; 'dyad queue retry-dead' enqueues them again"],
  ];
  const w = Math.max(...rows.map((r) => String(r[1]).length));
  let out = `queue ${s.queue} at ${where}, ${s.workers} worker(s) connected\n`;
  for (const [k, v, note] of rows) out += `  ${k.padEnd(12)}${String(v).padStart(w)}${note ? `  ${note}` : ''}\n`;
  if (s.errors.length) {
    out += `dead letters (newest ${s.errors.length}):\n`;
    for (const e of s.errors) {
      out += `  ${e.origin || e.job}  ${e.code}: ${e.message}  (${e.attempts} attempt${e.attempts === 1 ? '' : 's'}, ${e.at})\n`;
    }
  }
  return out;
}
