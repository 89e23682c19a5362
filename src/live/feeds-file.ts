/**
 * The feeds file of `dyad watch`: one feed URL per line, optionally followed by settings, `#` comments and
 * blank lines ignored:
 *
 *     # world news
 *     https://news.example/world/rss.xml
 *     https://other.example/atom.xml  outlet="Other Daily"  lang=en
 *
 * Settings: outlet (the publisher name stored as the articles' source; default: the page's og:site_name,
 * else the feed's title, else the host name) and lang (the articles' language; default: the page's, else
 * the feed's). A bad line is reported (E_FEEDS_FILE, file:line) and skipped; a URL given twice is polled once.
 */
import { DyadError } from '../core/errors.js';

export interface FeedSpec {
  url: string;
  outlet: string | null;
  lang: string | null;
  /** file:line */
  where: string;
}

const SETTING = /^([a-z]+)=(?:"([^"]*)"|(\S+))/;
const KEYS = new Set(['outlet', 'lang']);

export function parseFeedsFile(text: string, file: string, onError: (e: DyadError) => void): FeedSpec[] {
  const out: FeedSpec[] = [];
  const seen = new Set<string>();
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(\S+)\s*(.*)$/.exec(line)!;
    let url: URL;
    try {
      url = new URL(m[1]);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    } catch {
      onError(new DyadError('E_FEEDS_FILE', `'${m[1]}' is not an http(s) URL`, where));
      return;
    }
    const spec: FeedSpec = { url: url.href, outlet: null, lang: null, where };
    let rest = m[2].trim();
    while (rest && !rest.startsWith('#')) {
      const s = SETTING.exec(rest);
      if (!s || !KEYS.has(s[1])) {
        onError(new DyadError('E_FEEDS_FILE', `cannot read '${rest.split(/\s+/)[0]}' (settings: outlet="Name", lang=en)`, where));
        return;
      }
      const v = (s[2] ?? s[3]).trim() || null;
      if (s[1] === 'outlet') spec.outlet = v;
      else spec.lang = v;
      rest = rest.slice(s[0].length).trim();
    }
    if (seen.has(spec.url)) return;
    seen.add(spec.url);
    out.push(spec);
  });
  return out;
}
