import { parseIsoDate, todayIso } from '../core/dates.js';
import { DEFAULT_DB, openStore } from '../store/open.js';
import { ingest } from './ingest-run.js';
import { progressRenderer, rates } from './progress.js';
import { EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, reportError, say, parseCli } from './io.js';

export const INGEST_HELP = `usage: dyad ingest PATH... [options]
Code articles into the event store. PATH is a text file (one article), a .jsonl file with one
{"id","date","text","url","source"} object per line, a folder (searched recursively for .txt and .jsonl),
"-" for stdin, or an http(s) URL: the page's article text is extracted and stored with its outlet,
language and publication date (from the page's metadata); a URL already stored is not fetched again.
Safe to interrupt: run it again and it goes on where it stopped (texts already stored, by sha256, are
skipped). A document that cannot be coded is recorded in the store's failures and skipped.
  --db PATH           the store (default: ${DEFAULT_DB} in the working directory; created when missing)
  --date YYYY-MM-DD   publication date for inputs without one (default: today, said on stderr)
  --batch N           documents per transaction (default 100)
  --retry-failed      code again documents that failed for a reason of their own (bad text or date);
                      other failures (a broken install, an internal error) are always retried
  --quiet             no progress output
`;

export async function runIngest(argv: string[]): Promise<number> {
  const args = parseCli(argv, {
        db: { type: 'string', default: DEFAULT_DB },
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
  let date: string;
  try {
    date = o.date ? parseIsoDate(o.date as string, '--date') : todayIso();
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
  if (!o.date) say(`no --date given; using today (${date}) as the publication date of inputs without one`);
  const isUrl = (a: string) => /^https?:\/\//i.test(a);
  const urls = args.positionals.filter(isUrl);
  const store = openStore(o.db as string, { create: true });
  const progress = progressRenderer(process.stderr, o.quiet as boolean);
  try {
    // web pages first (fetched politely, src/live/), then coded with the files in one run
    const web = urls.length
      ? await (await import('./web-inputs.js')).fetchWebInputs(urls.map((url) => ({ url })), new (await import('../live/http.js')).Http(),
        { store, retryFailed: o['retry-failed'] as boolean, onError: (e) => { progress.clear(); reportError(e); } })
      : { docs: [], fetched: 0, skipped: 0, failed: 0 };
    const p = ingest(args.positionals.filter((a) => !isUrl(a)), store, {
      date,
      batchSize: batch,
      retryFailed: o['retry-failed'] as boolean,
      onProgress: (pr, final) => progress.update(pr, final),
      onError: (e) => { progress.clear(); reportError(e); },
    }, web.docs);
    p.skipped += web.skipped;
    p.failed += web.failed;
    const r = rates(p);
    say(`stored ${p.stored} document(s), ${p.sentences} sentences, ${p.events} events (${p.mentions} mentions) ` +
      `in ${(p.elapsedMs / 1000).toFixed(1)} s: ${r.docs.toFixed(1)} docs/s, ${r.sentences.toFixed(0)} sentences/s; ` +
      `${p.skipped} skipped (already stored), ${p.failed} failed. Store: ${store.location}`);
    return p.failed ? EXIT_PARTIAL : EXIT_OK;
  } finally {
    store.close();
  }
}
