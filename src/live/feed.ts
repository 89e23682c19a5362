/**
 * News feeds → items (link, title, publication date): RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed.
 * XML is read with fast-xml-parser (no DTD fetching, entities expanded); links are resolved against the
 * feed's URL. Throws E_FEED_PARSE when the body is none of these.
 */
import { XMLParser } from 'fast-xml-parser';
import { DyadError } from '../core/errors.js';

export interface FeedItem {
  /** the article's URL, absolute */
  url: string;
  title: string | null;
  /** the item's publication date as written (pubDate, dc:date, published/updated, date_published) */
  published: string | null;
  guid: string | null;
}

export interface ParsedFeed {
  kind: 'rss' | 'rdf' | 'atom' | 'json';
  title: string | null;
  /** the feed's language (channel <language>, xml:lang, JSON Feed language) */
  language: string | null;
  items: FeedItem[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link' || name === 'atom:link',
});

/** the text of an element that may carry attributes, or be repeated */
function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Node)['#text']);
  const s = String(v).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return s || null;
}

function absolute(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** RSS <link> is text; an Atom link (also atom:link inside RSS) is an element with href and rel */
function linkOf(item: Node, base: string): string | null {
  const links = [...((item.link as unknown[]) ?? []), ...((item['atom:link'] as unknown[]) ?? [])];
  for (const l of links) if (typeof l === 'string' || typeof l === 'number') return absolute(String(l), base);
  let best: string | null = null;
  for (const l of links) {
    if (!l || typeof l !== 'object') continue;
    const o = l as Node;
    const rel = (o['@_rel'] as string | undefined) ?? 'alternate';
    const href = (o['@_href'] as string | undefined) ?? text(o);
    if (rel === 'alternate' && href) return absolute(href, base);
    if (!best && rel !== 'self' && rel !== 'enclosure' && rel !== 'replies' && href) best = href;
  }
  return best ? absolute(best, base) : null;
}

function guidOf(item: Node): { guid: string | null; permalink: boolean } {
  const g = item.guid ?? item.id;
  const guid = text(g);
  const attr = g && typeof g === 'object' ? (g as Node)['@_isPermaLink'] : undefined;
  return { guid, permalink: attr !== 'false' };
}

function xmlItems(items: Node[], base: string): FeedItem[] {
  const out: FeedItem[] = [];
  for (const it of items) {
    if (!it || typeof it !== 'object') continue;
    const { guid, permalink } = guidOf(it);
    const url = linkOf(it, base) ?? (permalink && guid && /^https?:\/\//i.test(guid) ? absolute(guid, base) : null)
      ?? absolute((it['@_rdf:about'] as string | undefined) ?? null, base);
    if (!url) continue;
    const published = text(it.pubDate) ?? text(it.published) ?? text(it['dc:date']) ?? text(it['dcterms:issued'])
      ?? text(it.issued) ?? text(it.updated) ?? text(it['dcterms:modified']);
    out.push({ url, title: text(it.title), published, guid });
  }
  return out;
}

function jsonFeed(body: string, base: string): ParsedFeed {
  let o: Node;
  try {
    o = JSON.parse(body) as Node;
  } catch (e) {
    throw new DyadError('E_FEED_PARSE', `not JSON (${(e as Error).message})`, base);
  }
  if (!o || typeof o !== 'object' || !String(o.version ?? '').includes('jsonfeed') || !Array.isArray(o.items)) {
    throw new DyadError('E_FEED_PARSE', 'JSON but not a JSON Feed (needs "version" and "items")', base);
  }
  const items: FeedItem[] = [];
  for (const it of o.items as Node[]) {
    const url = absolute((it?.url as string) ?? (it?.external_url as string) ?? null, base);
    if (!url) continue;
    items.push({
      url, title: text(it.title), published: text(it.date_published) ?? text(it.date_modified),
      guid: it.id === undefined ? null : String(it.id),
    });
  }
  return { kind: 'json', title: text(o.title), language: text(o.language), items };
}

/** Parse a feed body fetched from `base` (its URL, for relative links and error messages). */
export function parseFeed(body: string, base: string): ParsedFeed {
  const s = body.replace(/^\uFEFF/, '').trimStart();
  if (s.startsWith('{')) return jsonFeed(s, base);
  let doc: Node;
  try {
    doc = parser.parse(s) as Node;
  } catch (e) {
    throw new DyadError('E_FEED_PARSE', `not well-formed XML (${(e as Error).message.split('\n')[0]})`, base);
  }
  const rss = doc.rss as Node | undefined;
  if (rss && typeof rss === 'object') {
    const ch = (Array.isArray(rss.channel) ? rss.channel[0] : rss.channel) as Node | undefined;
    if (!ch || typeof ch !== 'object') throw new DyadError('E_FEED_PARSE', 'RSS without a <channel>', base);
    return {
      kind: 'rss', title: text(ch.title), language: text(ch.language) ?? text(ch['dc:language']),
      items: xmlItems((ch.item as Node[]) ?? [], base),
    };
  }
  const feed = doc.feed as Node | undefined;
  if (feed && typeof feed === 'object') {
    const b = absolute((feed['@_xml:base'] as string | undefined) ?? null, base) ?? base;
    return {
      kind: 'atom', title: text(feed.title), language: (feed['@_xml:lang'] as string | undefined) ?? null,
      items: xmlItems((feed.entry as Node[]) ?? [], b),
    };
  }
  const rdf = doc['rdf:RDF'] as Node | undefined;
  if (rdf && typeof rdf === 'object') {
    const ch = (Array.isArray(rdf.channel) ? rdf.channel[0] : rdf.channel) as Node | undefined;
    return {
      kind: 'rdf', title: text(ch?.title), language: text(ch?.['dc:language']),
      items: xmlItems((rdf.item as Node[]) ?? [], base),
    };
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?'));
  throw new DyadError('E_FEED_PARSE', root ? `<${root}> is not a feed (RSS, Atom or JSON Feed)` : 'empty or not XML', base);
}
