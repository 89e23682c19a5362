/**
 * A news page → its article text and metadata. The page is parsed with linkedom (a light DOM); metadata is
 * read first (publication date, outlet, language, title), then @mozilla/readability picks the article body,
 * a few leftovers are dropped (the headline, datelines in <time>, figures and captions, "Advertisement"
 * labels), and the body's text comes out through src/core/html.ts (paragraphs separated by a blank line).
 * A page Readability cannot read falls back to the whole page's text without nav/aside/footer/forms.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { DyadError } from '../core/errors.js';
import { extractHtml } from '../core/html.js';
import { readPubDate, type PubDate } from './pubdate.js';

/** the small part of the DOM used here (linkedom implements it; the project has no DOM lib types) */
interface El {
  tagName: string;
  textContent: string | null;
  outerHTML: string;
  parentNode: El | null;
  getAttribute(name: string): string | null;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): Iterable<El>;
  remove(): void;
}
interface Doc extends El {
  documentElement: El | null;
}

export interface PageMeta {
  title: string | null;
  /** og:site_name, JSON-LD publisher, application-name */
  outlet: string | null;
  /** primary language tag, lower case ("en") */
  language: string | null;
  /** page metadata's publication date: article:published_time & co. ("meta"), JSON-LD datePublished */
  published: (PubDate & { source: 'meta' | 'json-ld' }) | null;
  /** a <time datetime> in the article: the last resort, after the feed's date */
  timeElement: PubDate | null;
}

export interface ExtractedArticle extends PageMeta {
  text: string;
  /** readability, or fallback (the page's text without its furniture) */
  method: 'readability' | 'fallback';
}

const META_DATES = [
  'meta[property="article:published_time"]', 'meta[name="article:published_time"]',
  'meta[property="og:article:published_time"]', 'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]', 'meta[name="publishdate"]', 'meta[name="publish-date"]', 'meta[name="dc.date.issued"]',
  'meta[name="DC.date.issued"]', 'meta[name="dcterms.created"]', 'meta[name="DC.date"]', 'meta[name="dc.date"]',
  'meta[name="date"]', 'meta[name="sailthru.date"]', 'meta[name="parsely-pub-date"]', 'meta[name="original-publish-date"]',
];

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim() || null;

/** "en-GB", "en_US" → "en" */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const m = /^\s*([A-Za-z]{2,3})(?:[-_]|\s*$)/.exec(tag ?? '');
  return m ? m[1].toLowerCase() : null;
}

function metaContent(doc: Doc, sels: string[]): string | null {
  for (const sel of sels) {
    const v = clean(doc.querySelector(sel)?.getAttribute('content'));
    if (v) return v;
  }
  return null;
}

type Json = Record<string, unknown>;

/** every object in the page's JSON-LD blocks (arrays and @graph flattened) */
function jsonLd(doc: Doc): Json[] {
  const out: Json[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 6 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) { for (const x of v) walk(x, depth + 1); return; }
    out.push(v as Json);
    if (Array.isArray((v as Json)['@graph'])) walk((v as Json)['@graph'], depth + 1);
  };
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      walk(JSON.parse(s.textContent ?? ''), 0);
    } catch {
      // a broken block is skipped
    }
  }
  return out;
}

const isArticleType = (o: Json) => {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).some((x) => typeof x === 'string' && /Article|Report|Posting|Blog/i.test(x));
};

/** The metadata of a parsed page. */
export function readMeta(doc: Doc): PageMeta {
  const ld = jsonLd(doc);
  const ldArticle = ld.find(isArticleType) ?? ld.find((o) => typeof o.datePublished === 'string') ?? null;
  let published: PageMeta['published'] = null;
  const m = readPubDate(metaContent(doc, META_DATES));
  if (m) published = { ...m, source: 'meta' };
  else {
    const j = readPubDate(typeof ldArticle?.datePublished === 'string' ? ldArticle.datePublished : null);
    if (j) published = { ...j, source: 'json-ld' };
  }
  const timeEl = doc.querySelector('article time[datetime]') ?? doc.querySelector('time[pubdate][datetime]')
    ?? doc.querySelector('time[itemprop="datePublished"]') ?? doc.querySelector('time[datetime]');
  const publisher = ldArticle?.publisher as Json | undefined;
  const outlet = metaContent(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]'])
    ?? clean(typeof publisher?.name === 'string' ? publisher.name : null);
  const language = primaryLanguage(doc.documentElement?.getAttribute('lang'))
    ?? primaryLanguage(metaContent(doc, ['meta[http-equiv="content-language"]', 'meta[http-equiv="Content-Language"]', 'meta[property="og:locale"]']))
    ?? primaryLanguage(typeof ldArticle?.inLanguage === 'string' ? ldArticle.inLanguage : null);
  const title = metaContent(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]'])
    ?? clean(typeof ldArticle?.headline === 'string' ? ldArticle.headline : null)
    ?? clean(doc.querySelector('h1')?.textContent) ?? clean(doc.querySelector('title')?.textContent);
  return { title, outlet, language, published, timeElement: readPubDate(timeEl?.getAttribute('datetime')) };
}

const norm = (s: string | null | undefined) => (s ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** labels that stand alone in a paragraph and are never article text */
const LABEL = /^(advertisement|advert|sponsored( content)?|story continues below( advertisement)?|continue reading( below)?|skip advert(isement)?|scroll to continue|read more|related( articles| stories)?|share( this( article| story)?)?|listen to (this )?article|image|photo|video)$/i;

const LEAF_BLOCKS = 'p, div, li, dd, dt, h2, h3, h4, h5, h6, header, footer, section, blockquote, span';
const INNER_BLOCKS = 'p, div, li, dd, dt, h2, h3, h4, h5, h6, header, footer, section, blockquote, ul, ol, table';
/** credit lines at the foot of wire copy */
const CREDIT = /^\(?(additional )?(reporting|writing|editing|compiled|produced) by\b/i;
/** reading-time and byline furniture */
const BYLINE = /^(by\s+\p{Lu}|\d+\s*min(ute)?s?\s+read\b)|\b\d+\s*min(ute)?s?\s+read$/iu;

const textLength = (el: El) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
const linkLength = (el: El) => [...el.querySelectorAll('a')].reduce((n, a) => n + textLength(a), 0);
const isSentence = (s: string) => /[.!?]["\u201d\u2019)]?$/.test(s);

/** drop what Readability keeps but is not article text */
function tidy(root: El, title: string | null): void {
  for (const el of [...root.querySelectorAll('time, figure, figcaption, picture, video, audio, iframe, button')]) el.remove();
  const t = norm(title);
  for (const h of [...root.querySelectorAll('h1, h2')]) {
    const ht = norm(h.textContent);
    if (ht && t && (t === ht || (ht.length >= 0.6 * t.length && t.startsWith(ht)) || ht.startsWith(t))) h.remove();
  }
  // text blocks (no block inside), in document order
  const leaves = [...root.querySelectorAll(LEAF_BLOCKS)].filter((el) => !el.querySelector(INNER_BLOCKS));
  let lead = false;
  for (const el of leaves) {
    const s = clean(el.textContent) ?? '';
    const label = s.replace(/[:.…»›>]+$/u, '').trim();
    const drop = !s
      || (s.length <= 40 && LABEL.test(label))
      // "Read more: <a>…</a>", lists of related links: mostly link text
      || (s.length < 200 && linkLength(el) >= 0.6 * s.length)
      || (s.length < 200 && CREDIT.test(s))
      || (s.length < 80 && BYLINE.test(s))
      // kickers, bylines and datelines before the first sentence of the story
      || (!lead && s.length < 80 && !isSentence(s));
    if (drop) { el.remove(); continue; }
    if (s.length >= 80 || isSentence(s)) lead = true;
  }
}

function paragraphs(html: string): string {
  return extractHtml(html).text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

type Readable = { title?: string | null; content?: El | null } | null;

function readable(document: Doc): Readable {
  try {
    return new Readability(document as never, { serializer: (n: unknown) => n as El }).parse() as Readable;
  } catch {
    return null;
  }
}

/** Extract the article from a page's HTML. Throws E_EXTRACT when there is no text to code. */
export function extractArticle(html: string, url: string): ExtractedArticle {
  const { document } = parseHTML(html) as unknown as { document: Doc };
  const meta = readMeta(document);
  let text = '';
  let method: ExtractedArticle['method'] = 'readability';
  const parsed = readable(document);
  if (parsed?.content) {
    tidy(parsed.content, meta.title ?? parsed.title ?? null);
    text = paragraphs(parsed.content.outerHTML);
  }
  if (text.length < 80) {
    const whole = paragraphs(html);
    if (whole.length > text.length) { text = whole; method = 'fallback'; }
  }
  if (!text) throw new DyadError('E_EXTRACT', 'no article text in the page', url);
  return { ...meta, title: meta.title ?? clean(parsed?.title), text, method };
}
