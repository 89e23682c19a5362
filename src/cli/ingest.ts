import { DEFAULT_DB, dbLocation, isPostgresUrl, openAsyncStore, openStore } from '../store/open.js';
import { ingest, ingestAsync, type IngestOptions, type IngestProgress } from './ingest-run.js';
import { progressRenderer, rates } from './progress.js';
import { EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, reportError, say, parseCli, publicationDate } from './io.js';

export const INGEST_HELP = `usage: dyad ingest PATH... [options]
Code articles into the event store. PATH is a text file (one article), a .jsonl file with one
{"id","date","text","url","source"} object per line, a folder (searched recursively for .txt and .jsonl),
"-" for stdin, or an http(s) URL: the page's article text is extracted and stored with its outlet,
language and publication date (from the page's metadata); a URL already stored is not fetched again.
Safe to interrupt: run it again and it goes on where it stopped (texts already stored, by sha256, are
skipped). A document that cannot be coded is recorded in the store's failures and skipped.
  --db PATH|URL       the store: a SQLite file (default: $DYAD_DB, else ${DEFAULT_DB} in the working directory;
                      created when missing) or postgres://user@host:port/db
  --queue URL         do not code here: put the documents on a Redis queue (redis://host:port, or $DYAD_QUEUE
                      with --queue "") for 'dyad worker' processes to code into their --db (docs/scale.md)
  --queue-name NAME   the queue (default dyad)
  --attempts N        with --queue: tries per document before the dead-letter list (default 5)
  --backoff-ms N      with --queue: first retry delay, doubled at each retry (default 2000)
  --date YYYY-MM-DD   publication date for inputs without one (default: today, said on stderr)
  --batch N           documents per transaction (default 100)
  --retry-failed      code again documents that failed for a reason of their own (bad text or date);
                      other failures (a broken install, an internal error) are always retried
  --quiet             no progress output
`;

export async function runIngest(argv: string[]): Promise<number> {
  const args = parseCli(argv, {
        db: { type: 'string' },
        queue: { type: 'string' },
        'queue-name': { type: 'string', default: 'dyad' },
        attempts: { type: 'string', default: '5' },
        'backoff-ms': { type: 'string', default: '2000' },
        date: { type: 'string' },
        batch: { type: 'string', default: '100' },
        'retry-failed': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
  }, INGEST_HELP);
  if (typeof args === 'number') return args;
  const o = args.values;
  if (!args.positionals.length) {
    say('E_USAGE: give at least one file or folder to ingest');
    process.stderr.write(INGEST_HELP);
    return EXIT_USAGE;
  }
  const batch = Number(o.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 100000) {
    say(`E_USAGE: --batch must be an integer from 1 to 100000, not '${o.batch}'`);
    return EXIT_USAGE;
  }
  const date = publicationDate(o.date, 'the publication date of inputs without one');
  if (typeof date === 'number') return date;
  const isUrl = (a: string) => /^https?:\/\//i.test(a);
  const urls = args.positionals.filter(isUrl);
  const db = dbLocation(o.db as string | undefined);
  if (urls.length && (o.queue !== undefined || isPostgresUrl(db))) {
    say('E_USAGE: web pages (http URLs) are ingested into a SQLite store only, not through --queue or into PostgreSQL');
    return EXIT_USAGE;
  }
  if (o.queue !== undefined) {
    const { runEnqueue } = await import('./ingest-queue.js');
    return runEnqueue(args.positionals, {
      queue: o.queue as string, name: o['queue-name'] as string, date, quiet: o.quiet as boolean,
      attempts: o.attempts as string, backoffMs: o['backoff-ms'] as string,
    });
  }
  const progress = progressRenderer(process.stderr, o.quiet as boolean);
  const run: IngestOptions = {
    date,
    batchSize: batch,
    retryFailed: o['retry-failed'] as boolean,
    onProgress: (pr, final) => progress.update(pr, final),
    onError: (e) => { progress.clear(); reportError(e); },
  };
  const summary = (p: IngestProgress, where: string) => {
    const r = rates(p);
    say(`stored ${p.stored} document(s), ${p.sentences} sentences, ${p.events} events (${p.mentions} mentions) ` +
      `in ${(p.elapsedMs / 1000).toFixed(1)} s: ${r.docs.toFixed(1)} docs/s, ${r.sentences.toFixed(0)} sentences/s; ` +
      `${p.skipped} skipped (already stored), ${p.failed} failed. Store: ${where}`);
    return p.failed ? EXIT_PARTIAL : EXIT_OK;
  };
  if (isPostgresUrl(db)) {
    const store = await openAsyncStore(db, { create: true });
    try {
      return summary(await ingestAsync(args.positionals, store, run), store.location);
    } finally {
      await store.close();
    }
  }
  const store = openStore(db, { create: true });
  try {
    // web pages first (fetched politely, src/live/), then coded with the files in one run
    const web = urls.length
      ? await (await import('./web-inputs.js')).fetchWebInputs(urls.map((url) => ({ url })), new (await import('../live/http.js')).Http(),
        { store, retryFailed: o['retry-failed'] as boolean, onError: (e) => { progress.clear(); reportError(e); } })
      : { docs: [], fetched: 0, skipped: 0, failed: 0 };
    const p = ingest(args.positionals.filter((a) => !isUrl(a)), store, run, web.docs);
    p.skipped += web.skipped;
    p.failed += web.failed;
    return summary(p, store.location);
  } finally {
    store.close();
  }
}
