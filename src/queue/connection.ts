/**
 * Redis connections for the job queue (BullMQ on ioredis). BullMQ is given ready-made ioredis clients: its
 * own lazy `require('ioredis')` is not available from ES modules.
 */
import { Redis } from 'ioredis';
import { DyadError } from '../core/errors.js';

/** the queue name when --queue-name is not given; several corpora can share one Redis under other names */
export const DEFAULT_QUEUE = 'dyad';
/** BullMQ's key prefix (its default); dyad's own keys live under `<prefix>:<queue>:dyad:` */
export const PREFIX = 'bull';

export function isRedisUrl(s: string): boolean {
  return /^rediss?:\/\//i.test(s);
}

/** The URL without its password, for messages. */
export function redactRedis(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

/** --queue, else $DYAD_QUEUE; E_USAGE when neither is a redis:// URL. */
export function queueUrl(cli: string | undefined | null): string {
  const url = cli || process.env.DYAD_QUEUE || '';
  if (!isRedisUrl(url)) {
    throw new DyadError('E_USAGE', url ? `--queue must be a redis:// URL, not '${url}'` : 'give --queue redis://HOST:PORT (or set DYAD_QUEUE)');
  }
  return url;
}

export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new DyadError('E_USAGE', `--queue-name '${name}' must be 1-64 letters, digits, '_', '.' or '-'`);
  return name;
}

/**
 * A connected client. `worker`: commands wait through Redis restarts (BullMQ workers need
 * maxRetriesPerRequest null); otherwise commands fail after a few reconnection attempts.
 */
export async function connectRedis(url: string, role: 'worker' | 'client'): Promise<Redis> {
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    retryStrategy: role === 'worker' ? (n) => Math.min(200 * n, 5000) : (n) => (n > 3 ? null : 200 * n),
    connectionName: `dyad-${role}`,
  });
  let last: Error | null = null;
  r.on('error', (e: Error) => { last = e; });
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    r.disconnect();
    throw new DyadError('E_QUEUE', `cannot reach Redis at ${redactRedis(url)}: ${(last ?? (e as Error))?.message ?? e}`);
  }
  return r;
}

/** dyad's keys beside BullMQ's: the dead-letter list (sorted by time) and its entries */
export function deadKeys(queue: string): { order: string; data: string } {
  return { order: `${PREFIX}:${queue}:dyad:dead`, data: `${PREFIX}:${queue}:dyad:dead:data` };
}
