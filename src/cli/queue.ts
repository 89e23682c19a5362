/** `dyad queue status|retry-dead`: the state of a Redis job queue filled by 'dyad ingest --queue'. */
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { checkQueueName, connectRedis, queueUrl, redactRedis } from '../queue/connection.js';
import { retryDead } from '../queue/dead.js';
import { formatStatus, queueStatus } from '../queue/status.js';
import { intOption } from './ingest-queue.js';
import { EXIT_OK, EXIT_USAGE, reportError, say } from './io.js';

export const QUEUE_HELP = `usage: dyad queue status|retry-dead [options]
  status       counts of waiting, retrying (delayed), active, completed, failed and dead-letter documents,
               the connected workers, and the errors of the newest dead letters
  retry-dead   enqueue the dead-letter documents again, with fresh attempts (after fixing the cause)
  --queue URL         redis://host:port (default: $DYAD_QUEUE)
  --queue-name NAME   the queue (default dyad)
  --errors N          dead letters to list (default 20)
  --attempts N        retry-dead: tries per document (default 5)
  --backoff-ms N      retry-dead: first retry delay (default 2000)
  --json              status as one JSON object
`;

export async function runQueue(argv: string[]): Promise<number> {
  let a;
  let url: string;
  let errors: number;
  let retry: { attempts: number; backoffMs: number };
  try {
    a = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        queue: { type: 'string' },
        'queue-name': { type: 'string', default: 'dyad' },
        errors: { type: 'string', default: '20' },
        attempts: { type: 'string', default: '5' },
        'backoff-ms': { type: 'string', default: '2000' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (a.values.help) {
      process.stdout.write(QUEUE_HELP);
      return EXIT_OK;
    }
    const sub = a.positionals[0];
    if (a.positionals.length !== 1 || (sub !== 'status' && sub !== 'retry-dead')) {
      say(`E_USAGE: give 'status' or 'retry-dead'${sub ? `, not '${a.positionals.join(' ')}'` : ''}`);
      process.stderr.write(QUEUE_HELP);
      return EXIT_USAGE;
    }
    url = queueUrl(a.values.queue as string | undefined);
    checkQueueName(a.values['queue-name'] as string);
    errors = intOption(a.values.errors as string, '--errors', 0, 10_000);
    retry = {
      attempts: intOption(a.values.attempts as string, '--attempts', 1, 100),
      backoffMs: intOption(a.values['backoff-ms'] as string, '--backoff-ms', 0, 86_400_000),
    };
  } catch (e) {
    reportError(e);
    process.stderr.write(QUEUE_HELP);
    return EXIT_USAGE;
  }
  const redis = await connectRedis(url, 'client');
  const queue = new Queue(a.values['queue-name'] as string, { connection: redis });
  try {
    if (a.positionals[0] === 'retry-dead') {
      const n = await retryDead(redis, queue, retry);
      say(`enqueued ${n} dead-letter document(s) again on queue '${queue.name}'`);
      return EXIT_OK;
    }
    const s = await queueStatus(queue, redis, errors);
    process.stdout.write(a.values.json ? JSON.stringify(s) + '\n' : formatStatus(s, redactRedis(url)));
    return EXIT_OK;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
