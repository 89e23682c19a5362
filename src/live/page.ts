/**
 * One article URL → its text and provenance: fetch politely (http.ts), extract (article.ts), and settle the
 * publication date, outlet and language from the page, the feed and the feeds file, in that documented order
 * (docs/live.md).
 */
import { DyadError } from '../core/errors.js';
import { extractArticle, primaryLanguage } from './article.js';
import type { Http } from './http.js';
import { readPubDate } from './pubdate.js';

/** What the feed and the feeds file know about an item before its page is fetched. */
export interface PageHints {
  /** the feed's URL (null for a page given directly) */
  feed?: string | null;
  /** the item's date as the feed wrote it */
  feedDate?: string | null;
  /** outlet named in the feeds file (wins over the page) */
  outlet?: string | null;
  /** the feed's own title (an outlet when the page names none) */
  feedTitle?: string | null;
  /** language named in the feeds file (wins), or given by the feed (used when the page says none) */
  language?: string | null;
  languageExplicit?: boolean;
  title?: string | null;
}

export interface WebArticle {
  /** the URL as asked for (normalised), which is the dedup key */
  url: string;
  /** the URL that answered, after redirects */
  finalUrl: string;
  text: string;
  /** YYYY-MM-DD, or null when no metadata gives one */
  date: string | null;
  outlet: string;
  feed: string | null;
  language: string | null;
  title: string | null;
  publishedAt: string | null;
  /** meta, json-ld, feed, time; null when no metadata gives a date */
  dateSource: string | null;
  method: 'readability' | 'fallback' | 'plain';
}

const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|ito|at_medium|at_campaign|rss)$/i;

/** The key under which a page is stored: fragment and tracking parameters dropped. */
export function normalizeUrl(raw: string): string {
  try {
    const u = new URL(raw.trim());
    u.hash = '';
    for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
    return u.href;
  } catch {
    return raw.trim();
  }
}

export const isUrl = (s: string) => /^https?:\/\/\S+$/i.test(s.trim());

export const hostOutlet = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1';

/** Fetch and extract one article. Throws FetchError (E_FETCH) or E_EXTRACT. */
export async function fetchArticle(url: string, http: Http, hints: PageHints = {}): Promise<WebArticle> {
  const key = normalizeUrl(url);
  const res = await http.get(key, { accept: PAGE_ACCEPT });
  const ct = res.contentType.toLowerCase();
  const base = {
    url: key, finalUrl: res.url, feed: hints.feed ?? null,
    outlet: hints.outlet ?? hints.feedTitle ?? hostOutlet(res.url),
  };
  const feedDate = readPubDate(hints.feedDate);
  if (ct.startsWith('text/plain')) {
    const text = res.body.trim();
    if (!text) throw new DyadError('E_EXTRACT', 'the page is empty', key);
    return {
      ...base, text, date: feedDate?.date ?? null, language: primaryLanguage(hints.language), title: hints.title ?? null,
      publishedAt: feedDate?.iso ?? null, dateSource: feedDate ? 'feed' : null, method: 'plain',
    };
  }
  if (ct && !/html|xml/.test(ct)) throw new DyadError('E_EXTRACT', `not an HTML page (${ct.split(';')[0]})`, key);
  const a = extractArticle(res.body, key);
  const d = a.published ?? (feedDate && { ...feedDate, source: 'feed' as const })
    ?? (a.timeElement && { ...a.timeElement, source: 'time' as const });
  const language = hints.languageExplicit
    ? primaryLanguage(hints.language)
    : a.language ?? primaryLanguage(hints.language);
  return {
    ...base,
    outlet: hints.outlet ?? a.outlet ?? base.outlet,
    text: a.text, date: d?.date ?? null, language, title: a.title ?? hints.title ?? null,
    publishedAt: d?.iso ?? null, dateSource: d?.source ?? null, method: a.method,
  };
}
