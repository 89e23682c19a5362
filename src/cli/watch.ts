import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { DyadError } from '../core/errors.js';
import { parseIsoDate, todayIso } from '../core/dates.js';
import { decodeInput } from '../core/input.js';
import { Http, USER_AGENT } from '../live/http.js';
import { parseFeedsFile } from '../live/feeds-file.js';
import { DEFAULT_DB, openStore } from '../store/open.js';
import { pollOnce } from './watch-run.js';
import { EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, reportError, say } from './io.js';

export const WATCH_HELP = `usage: dyad watch FEEDS.txt [options]
Poll news feeds (RSS, Atom, JSON Feed) and code their new articles into the event store: each new item's
page is fetched, its article text extracted (boilerplate dropped), its publication date read from the
page's or the feed's metadata, and the article stored with its outlet, feed, URL and language. An article
is stored once (by URL and by text). A failing feed is reported and tried again later; it never stops the
others. FEEDS.txt: one feed URL per line, optionally with outlet="Name" lang=en; # comments (docs/live.md).
  --every DURATION     time between passes (default 15m; units s, m, h)
  --once               one pass, then exit (cron, tests); exit 1 when a feed or page failed
  --db PATH            the store (default: ${DEFAULT_DB}; created when missing)
  --date YYYY-MM-DD    publication date of articles whose metadata gives none (default: the day of the pass)
  --max-items N        items looked at per feed and pass (default 100)
  --timeout DURATION   per request, headers and body (default 20s)
  --retries N          retries of a request after a network error, timeout, 429 or 5xx (default 2)
  --host-delay DURATION  pause between two requests to one host (default 1s)
  --user-agent STRING  (default: "${USER_AGENT}")
  --quiet              no line per feed (errors and the pass summary are still said)
`;

/** "15m", "30s", "2h", "500ms", "90" (seconds) → ms; NaN when unreadable */
export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(s.trim());
  if (!m) return NaN;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's').toLowerCase() as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}

export async function runWatch(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        every: { type: 'string', default: '15m' },
        once: { type: 'boolean', default: false },
        db: { type: 'string', default: DEFAULT_DB },
        date: { type: 'string' },
        'max-items': { type: 'string', default: '100' },
        timeout: { type: 'string', default: '20s' },
        retries: { type: 'string', default: '2' },
        'host-delay': { type: 'string', default: '1s' },
        'user-agent': { type: 'string', default: USER_AGENT },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    say(`E_USAGE: ${(e as Error).message}`);
    process.stderr.write(WATCH_HELP);
    return EXIT_USAGE;
  }
  const o = args.values;
  if (o.help) {
    process.stdout.write(WATCH_HELP);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1) {
    say('E_USAGE: give one feeds file');
    process.stderr.write(WATCH_HELP);
    return EXIT_USAGE;
  }
  const every = parseDuration(o.every as string);
  const timeout = parseDuration(o.timeout as string);
  const hostDelay = parseDuration(o['host-delay'] as string);
  const retries = Number(o.retries);
  const maxItems = Number(o['max-items']);
  const bad = (what: string) => { say(`E_USAGE: ${what}`); return EXIT_USAGE; };
  if (!(every >= 1000)) return bad(`--every must be a duration of at least 1s (15m, 30s, 2h), not '${o.every}'`);
  if (!(timeout >= 1)) return bad(`--timeout must be a duration (20s, 500ms), not '${o.timeout}'`);
  if (!(hostDelay >= 0)) return bad(`--host-delay must be a duration (1s, 0), not '${o['host-delay']}'`);
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) return bad(`--retries must be an integer from 0 to 10, not '${o.retries}'`);
  if (!Number.isInteger(maxItems) || maxItems < 1) return bad(`--max-items must be a positive integer, not '${o['max-items']}'`);
  let fixedDate: string | null = null;
  try {
    if (o.date) fixedDate = parseIsoDate(o.date as string, '--date');
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
  const file = args.positionals[0];
  let badLines = 0;
  let specs;
  try {
    specs = parseFeedsFile(decodeInput(readFileSync(file), file), file, (e) => { badLines++; reportError(e); });
  } catch (e) {
    reportError(e instanceof DyadError ? e : new DyadError('E_INPUT_READ', (e as Error).message, file));
    return EXIT_USAGE;
  }
  if (!specs.length) return bad(`${file} names no feed`);

  const store = openStore(o.db as string, { create: true });
  const http = new Http({ timeoutMs: timeout, retries, hostDelayMs: hostDelay, userAgent: o['user-agent'] as string });
  let stop = false;
  let wake: (() => void) | null = null;
  const onSignal = () => {
    if (stop) process.exit(130);
    stop = true;
    say('stopping after this pass (press Ctrl-C again to quit at once; the store stays consistent either way)');
    wake?.();
  };
  if (!o.once) { process.on('SIGINT', onSignal); process.on('SIGTERM', onSignal); }
  let failed = badLines > 0;
  try {
    for (let pass = 1; ; pass++) {
      const started = Date.now();
      const r = await pollOnce(specs, {
        store, http, date: fixedDate ?? todayIso(), everyMs: every, maxItems,
        log: o.quiet ? undefined : (m) => say(m), onError: (e) => reportError(e),
      });
      if (r.feedsFailed || r.pagesFailed) failed = true;
      say(`pass ${pass}: ${specs.length} feed(s) (${r.feedsFailed} failed), ${r.fetched} page(s) fetched, ${r.stored} article(s) stored, `
        + `${r.events} events, ${r.pagesFailed} page(s) failed, in ${(r.elapsedMs / 1000).toFixed(1)} s. Store: ${store.location}`);
      if (o.once || stop) break;
      const wait = Math.max(0, started + every - Date.now());
      if (!o.quiet) say(`next pass at ${new Date(Date.now() + wait).toISOString()}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        wake = () => { clearTimeout(t); resolve(); };
      });
      wake = null;
      if (stop) break;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    store.close();
  }
  return o.once && failed ? EXIT_PARTIAL : EXIT_OK;
}
