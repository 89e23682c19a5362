/**
 * Web pages as inputs of `dyad ingest URL…`, `dyad code URL` and `dyad watch`: fetch (politely), extract,
 * and turn each article into an InputDoc carrying its provenance (DocumentMeta). URLs already stored, or
 * that failed for good before (gone, not an article), are not fetched again.
 */
import { DyadError } from '../core/errors.js';
import { Http, FetchError } from '../live/http.js';
import { fetchArticle, normalizeUrl, type PageHints, type WebArticle } from '../live/page.js';
import type { EventStore, FailureInput } from '../store/types.js';
import type { InputDoc } from './inputs.js';
import { sha256 } from './ingest-run.js';

export { isUrl } from '../live/page.js';

/** an article to fetch, with what its feed says about it */
export interface WebItem extends PageHints {
  url: string;
}

/** failures of a page that fetching again will not mend: recorded, and the URL is not fetched again */
export const PERMANENT_WEB = new Set(['E_EXTRACT', 'E_FETCH', 'E_INPUT_EMPTY', 'E_INPUT_BINARY', 'E_DATE_INVALID']);

export function webInput(a: WebArticle): InputDoc {
  return {
    id: a.url, text: a.text, date: a.date, url: a.url, source: a.outlet, where: a.url,
    meta: { feed: a.feed, language: a.language, title: a.title, publishedAt: a.publishedAt, dateSource: a.dateSource ?? 'default' },
  };
}

/** a failure worth recording: the page is gone or is no article (a timeout or a 503 is tried again next time) */
export function permanent(e: unknown): boolean {
  if (e instanceof FetchError) return !e.transient;
  return e instanceof DyadError && PERMANENT_WEB.has(e.code);
}

/** One page as an InputDoc (`dyad code URL`). */
export async function loadUrl(url: string, http: Http = new Http()): Promise<InputDoc> {
  return webInput(await fetchArticle(url, http));
}

export interface WebFetch {
  docs: InputDoc[];
  /** pages fetched (or tried) */
  fetched: number;
  /** already stored (by URL or, once fetched, by text), failed for good before, or listed twice */
  skipped: number;
  failed: number;
}

export interface WebFetchOptions {
  store?: EventStore | null;
  /** URLs taken by someone else in this pass (another feed listing the same article); updated */
  claimed?: Set<string>;
  /** fetch again URLs that failed for good before */
  retryFailed?: boolean;
  onError?: (e: DyadError) => void;
}

/** Fetch and extract the new pages among `items`; record permanent failures in the store. */
export async function fetchWebInputs(items: WebItem[], http: Http, o: WebFetchOptions = {}): Promise<WebFetch> {
  const out: WebFetch = { docs: [], fetched: 0, skipped: 0, failed: 0 };
  const claimed = o.claimed ?? new Set<string>();
  const todo: WebItem[] = [];
  for (const it of items) {
    const url = normalizeUrl(it.url);
    if (claimed.has(url)) { out.skipped++; continue; }
    claimed.add(url);
    todo.push({ ...it, url });
  }
  const urls = todo.map((t) => t.url);
  const stored = o.store ? o.store.storedUrls(urls) : new Set<string>();
  const failed = o.store && !o.retryFailed ? o.store.failedOrigins(urls) : new Map<string, string>();
  const fresh = todo.filter((t) => {
    const code = failed.get(t.url);
    const skip = stored.has(t.url) || (code !== undefined && PERMANENT_WEB.has(code));
    if (skip) out.skipped++;
    return !skip;
  });
  const failures: FailureInput[] = [];
  out.fetched = fresh.length;
  const results = await Promise.all(fresh.map((it) => fetchArticle(it.url, http, it)
    .then(webInput, (e: unknown) => (e instanceof Error ? e : new Error(String(e))))));
  results.forEach((r, i) => {
    if (!(r instanceof Error)) { out.docs.push(r); return; }
    const e = r instanceof DyadError ? r : new DyadError('E_INTERNAL', r.message, fresh[i].url);
    out.failed++;
    o.onError?.(e);
    if (permanent(e)) failures.push({ origin: fresh[i].url, hash: '', code: e.code, message: e.message });
  });
  if (failures.length && o.store) o.store.write([], failures);
  if (o.store && out.docs.length) {
    // a text already stored under another URL (a syndicated copy): remember this URL too, code nothing
    const hashes = out.docs.map((d) => sha256(d.text));
    const known = o.store.storedHashes(hashes);
    if (known.size) {
      o.store.addUrls(out.docs.flatMap((d, i) => (known.has(hashes[i]) ? [{ url: d.url!, hash: hashes[i] }] : [])));
      out.skipped += out.docs.filter((_d, i) => known.has(hashes[i])).length;
      out.docs = out.docs.filter((_d, i) => !known.has(hashes[i]));
    }
  }
  return out;
}
