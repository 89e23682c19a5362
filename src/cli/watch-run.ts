/**
 * One pass of `dyad watch`: poll every feed (conditional GET), fetch the pages of items not seen before,
 * extract their articles and code them into the store through the ingest loop (ingest-run.ts). A feed that
 * fails is recorded (feeds table), reported, and tried again later with backoff; it never stops the others.
 */
import { DyadError } from '../core/errors.js';
import { FetchError, type Http } from '../live/http.js';
import { parseFeed } from '../live/feed.js';
import type { FeedSpec } from '../live/feeds-file.js';
import type { EventStore, FeedState } from '../store/types.js';
import { ingest } from './ingest-run.js';
import { fetchWebInputs, permanent, type WebItem } from './web-inputs.js';

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, '
  + 'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/** the longest a failing feed waits between attempts */
const MAX_BACKOFF_MS = 6 * 3600_000;

export interface WatchContext {
  store: EventStore;
  http: Http;
  /** publication date for articles whose metadata gives none (YYYY-MM-DD) */
  date: string;
  /** time between passes: the unit of a failing feed's backoff */
  everyMs: number;
  /** items looked at per feed and pass */
  maxItems: number;
  /** feeds polled at once (requests to one host are one at a time anyway) */
  concurrency?: number;
  log?: (msg: string) => void;
  onError?: (e: DyadError) => void;
  now?: () => number;
}

export interface FeedReport {
  url: string;
  outcome: 'ok' | 'not-modified' | 'failed' | 'waiting';
  /** items in the feed, new pages fetched, articles stored, items already known, pages that failed */
  items: number;
  fetched: number;
  stored: number;
  known: number;
  failed: number;
  events: number;
  error?: string;
}

export interface PassReport {
  feeds: FeedReport[];
  stored: number;
  events: number;
  fetched: number;
  pagesFailed: number;
  feedsFailed: number;
  elapsedMs: number;
}

const blank = (url: string): FeedState => ({
  url, etag: null, lastModified: null, checkedAt: null, okAt: null, status: null, error: null, failures: 0, retryAt: null,
  items: 0, stored: 0,
});

/** after n consecutive failures: try again next pass once, then wait every × 1, 2, 4… passes (≤ 6 h) */
export function backoffMs(failures: number, everyMs: number): number {
  if (failures < 2) return 0;
  return Math.min(everyMs * 2 ** (failures - 2), MAX_BACKOFF_MS);
}

/** the report of a feed that is done, or the step that codes and stores its new articles */
type Polled = FeedReport | (() => FeedReport);

async function pollFeed(spec: FeedSpec, ctx: WatchContext, claimed: Set<string>): Promise<Polled> {
  const now = ctx.now ?? Date.now;
  const store = ctx.store;
  const prev = store.feedState(spec.url) ?? blank(spec.url);
  const r: FeedReport = { url: spec.url, outcome: 'ok', items: 0, fetched: 0, stored: 0, known: 0, failed: 0, events: 0 };
  if (prev.retryAt && Date.parse(prev.retryAt) > now()) {
    r.outcome = 'waiting';
    r.error = `failed ${prev.failures} times; next try after ${prev.retryAt}`;
    return r;
  }
  const fail = (e: unknown): FeedReport => {
    const err = e instanceof DyadError ? e : new DyadError('E_INTERNAL', (e as Error)?.message ?? String(e), spec.url);
    const failures = prev.failures + 1;
    let wait = backoffMs(failures, ctx.everyMs);
    if (e instanceof FetchError && e.retryAfterMs !== null) wait = Math.max(wait, Math.min(e.retryAfterMs, MAX_BACKOFF_MS));
    const t = new Date(now()).toISOString();
    store.saveFeedState({
      ...prev, checkedAt: t, failures, error: err.message, retryAt: wait ? new Date(now() + wait).toISOString() : null,
      status: e instanceof FetchError && e.status !== null ? String(e.status) : err.code,
    });
    ctx.onError?.(new DyadError(err.code, `${err.message}; tried ${failures} time(s) in a row, will try again`, spec.url));
    r.outcome = 'failed';
    r.error = `${err.code}: ${err.message}`;
    return r;
  };
  let res;
  try {
    res = await ctx.http.get(spec.url, { accept: FEED_ACCEPT, etag: prev.etag, lastModified: prev.lastModified });
  } catch (e) {
    return fail(e);
  }
  const at = new Date(now()).toISOString();
  if (res.status === 304) {
    store.saveFeedState({ ...prev, checkedAt: at, okAt: at, status: '304', error: null, failures: 0, retryAt: null });
    r.outcome = 'not-modified';
    r.items = prev.items;
    return r;
  }
  let feed;
  try {
    feed = parseFeed(res.body, res.url);
  } catch (e) {
    return fail(e);
  }
  r.items = feed.items.length;
  const items: WebItem[] = feed.items.slice(0, ctx.maxItems).map((it) => ({
    url: it.url, feed: spec.url, feedDate: it.published, outlet: spec.outlet, feedTitle: feed.title,
    language: spec.lang ?? feed.language, languageExplicit: !!spec.lang, title: it.title,
  }));
  let transient = 0;
  const web = await fetchWebInputs(items, ctx.http, {
    store, claimed,
    onError: (e) => { if (!permanent(e)) transient++; ctx.onError?.(e); },
  });
  // coding is synchronous: it runs once every fetch of the pass is over, so it never delays a response
  // past its timeout
  return () => {
    const p = ingest([], store, { date: ctx.date, onError: (e) => ctx.onError?.(e) }, web.docs);
    r.fetched = web.fetched;
    r.known = web.skipped + p.skipped;
    r.failed = web.failed + p.failed;
    r.stored = p.stored;
    r.events = p.events;
    // keep the validators only when every item was dealt with: otherwise a 304 next time would hide the
    // pages that failed for now (or were over --max-items) until the feed changes
    const complete = transient === 0 && p.failed === 0 && feed.items.length <= ctx.maxItems;
    store.saveFeedState({
      ...prev, etag: complete ? res.etag : null, lastModified: complete ? res.lastModified : null, checkedAt: at, okAt: at,
      status: String(res.status), error: null, failures: 0, retryAt: null, items: feed.items.length, stored: prev.stored + p.stored,
    });
    return r;
  };
}

/** One pass over the feeds: the feeds' reports in the order given. */
export async function pollOnce(specs: FeedSpec[], ctx: WatchContext): Promise<PassReport> {
  const t0 = performance.now();
  const claimed = new Set<string>();
  const polled: Polled[] = new Array(specs.length);
  const failed = (i: number, e: unknown): FeedReport => { // a bug or a store error: reported, the other feeds go on
    const err = e instanceof DyadError ? e : new DyadError('E_INTERNAL', (e as Error)?.message ?? String(e), specs[i].url);
    ctx.onError?.(err);
    return { url: specs[i].url, outcome: 'failed', items: 0, fetched: 0, stored: 0, known: 0, failed: 0, events: 0, error: err.message };
  };
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const i = next++;
      try {
        polled[i] = await pollFeed(specs[i], ctx, claimed);
      } catch (e) {
        polled[i] = failed(i, e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.concurrency ?? 8, specs.length) }, worker));
  const reports = polled.map((x, i) => {
    let r: FeedReport;
    try {
      r = typeof x === 'function' ? x() : x;
    } catch (e) {
      r = failed(i, e);
    }
    ctx.log?.(describe(r));
    return r;
  });
  const sum = (f: (r: FeedReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  return {
    feeds: reports, stored: sum((r) => r.stored), events: sum((r) => r.events), fetched: sum((r) => r.fetched),
    pagesFailed: sum((r) => r.failed), feedsFailed: reports.filter((r) => r.outcome === 'failed').length,
    elapsedMs: performance.now() - t0,
  };
}

export function describe(r: FeedReport): string {
  switch (r.outcome) {
    case 'not-modified': return `${r.url}: not modified (304)`;
    case 'waiting': return `${r.url}: skipped, ${r.error}`;
    case 'failed': return `${r.url}: failed (${r.error})`;
    default:
      return `${r.url}: ${r.items} item(s), ${r.fetched} page(s) fetched, ${r.stored} stored (${r.events} events), `
        + `${r.known} already known${r.failed ? `, ${r.failed} failed` : ''}`;
  }
}
