/**
 * Text from HTML for coding, with a map back to the HTML. Tags go; the contents of scripts, styles and other
 * non-text elements (script, style, noscript, template, iframe, textarea, title) go, and so does page
 * boilerplate (head, nav, aside, footer, form, button, select, svg, math); character references are decoded;
 * runs of ASCII whitespace collapse to one space (except inside <pre>); block elements (p, div, h1–h6, li,
 * tr, ...) become a blank line, so a headline is its own sentence; <br> becomes a line break.
 *
 * Every UTF-16 unit of the extracted text maps to the [start, end) range of the HTML it came from (a
 * character, a whole "&amp;", or the tags a separator stands for), so an evidence span of the text maps
 * back to the HTML with `toSource`. One pass, linear in the input, whatever the input: an unclosed comment
 * or script swallows the rest (as in a browser); an unclosed boilerplate element (a "<nav>" never closed)
 * is kept rather than dropping the article after it.
 */
import { readEntity } from './html-entities.js';

export interface SourceMap {
  /** the original text (the HTML) */
  readonly original: string;
  /** per UTF-16 unit of the extracted text: where in `original` it came from, [starts[i], ends[i]) */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

export interface HtmlText {
  text: string;
  map: SourceMap;
}

/** elements whose content is raw text (never parsed for tags) and never shown as article text */
const RAW = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'textarea', 'title', 'xmp', 'noembed', 'noframes']);
/** page furniture dropped with everything inside it */
const DROP = new Set(['head', 'nav', 'aside', 'footer', 'form', 'button', 'select', 'svg', 'math', 'object', 'canvas', 'dialog', 'menu']);
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main', 'ol',
  'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul', 'option', 'legend',
]);
const CELL = new Set(['td', 'th']);

const SEP = ['', ' ', '\n', '\n\n'];

class Builder {
  units = new Uint16Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  len = 0;
  /** pending separator: 0 none, 1 space, 2 line break, 3 paragraph; with the source range it stands for */
  pending = 0;
  pFrom = 0;
  pTo = 0;

  private grow(): void {
    const cap = this.units.length * 2;
    const u = new Uint16Array(cap); u.set(this.units); this.units = u;
    const s = new Int32Array(cap); s.set(this.starts); this.starts = s;
    const e = new Int32Array(cap); e.set(this.ends); this.ends = e;
  }

  private put(unit: number, from: number, to: number): void {
    if (this.len === this.units.length) this.grow();
    this.units[this.len] = unit;
    this.starts[this.len] = from;
    this.ends[this.len] = to;
    this.len++;
  }

  sep(kind: number, from: number, to: number): void {
    if (this.pending === 0) { this.pFrom = from; this.pTo = to; } else this.pTo = Math.max(this.pTo, to);
    if (kind > this.pending) this.pending = kind;
  }

  emit(unit: number, from: number, to: number): void {
    if (this.pending) {
      if (this.len > 0) for (const ch of SEP[this.pending]) this.put(ch.charCodeAt(0), this.pFrom, this.pTo);
      this.pending = 0;
    }
    this.put(unit, from, to);
  }

  text(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.len; i += 8192) {
      parts.push(String.fromCharCode.apply(null, Array.from(this.units.subarray(i, Math.min(this.len, i + 8192)))));
    }
    return parts.join('');
  }
}

const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

const closers = new Map<string, RegExp>();
function closerOf(name: string): RegExp {
  let re = closers.get(name);
  if (!re) { re = new RegExp(`</${name}[\\s/>]`, 'gi'); closers.set(name, re); }
  return re;
}

interface TagInfo {
  name: string;
  close: boolean;
  selfClosing: boolean;
  /** index just after the tag */
  end: number;
}

/** read the tag at html[i] === '<' (i + 1 is a letter, or '/' + letter); quote-aware, lenient on a lost quote */
function readTag(html: string, i: number): TagInfo {
  const n = html.length;
  const close = html.charCodeAt(i + 1) === 47;
  let j = close ? i + 2 : i + 1;
  const nameStart = j;
  while (j < n) {
    const c = html.charCodeAt(j);
    if (isWs(c) || c === 47 || c === 62) break;
    j++;
  }
  const name = html.slice(nameStart, j).toLowerCase();
  while (j < n) {
    const c = html.charCodeAt(j);
    if (c === 62) return { name, close, selfClosing: html.charCodeAt(j - 1) === 47, end: j + 1 };
    if (c === 61 && !close) {
      j++;
      while (j < n && isWs(html.charCodeAt(j))) j++;
      const q = html.charCodeAt(j);
      if (q === 34 || q === 39) {
        const k = html.indexOf(q === 34 ? '"' : "'", j + 1);
        if (k >= 0) { j = k + 1; continue; }
        // a lost quote: end the tag at the next '>' instead of swallowing the page
        const gt = html.indexOf('>', j);
        return { name, close, selfClosing: false, end: gt < 0 ? n : gt + 1 };
      }
      continue;
    }
    j++;
  }
  return { name, close, selfClosing: false, end: n };
}

interface Pass {
  out: Builder;
  /** offset of a boilerplate start tag that was never closed, or -1 */
  unclosed: number;
}

function pass(html: string, keep: Set<number>): Pass {
  const out = new Builder();
  const n = html.length;
  let skipName = '';
  let skipDepth = 0;
  let skipStart = -1;
  let pre = 0;
  let i = 0;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 60) {
      const c1 = html.charCodeAt(i + 1);
      if (c1 === 33) { // <!-- comment -->, <!DOCTYPE>, <![CDATA[...]]>
        let end: number;
        if (html.startsWith('<!--', i)) { const k = html.indexOf('-->', i + 4); end = k < 0 ? n : k + 3; }
        else { const k = html.indexOf('>', i + 2); end = k < 0 ? n : k + 1; }
        i = end;
        continue;
      }
      if (c1 === 63) { const k = html.indexOf('>', i + 2); i = k < 0 ? n : k + 1; continue; }
      if (isAlpha(c1) || (c1 === 47 && isAlpha(html.charCodeAt(i + 2)))) {
        const t = readTag(html, i);
        if (!t.close && RAW.has(t.name) && !t.selfClosing) {
          const re = closerOf(t.name);
          re.lastIndex = t.end;
          const m = re.exec(html);
          if (!m) { i = n; continue; }
          const gt = html.indexOf('>', m.index);
          i = gt < 0 ? n : gt + 1;
          continue;
        }
        if (skipDepth > 0) {
          if (t.name === skipName && !t.selfClosing) skipDepth += t.close ? -1 : 1;
          if (skipDepth === 0) out.sep(3, i, t.end);
          i = t.end;
          continue;
        }
        if (!t.close && DROP.has(t.name) && !t.selfClosing && !keep.has(i)) {
          skipName = t.name;
          skipDepth = 1;
          skipStart = i;
          out.sep(3, i, t.end);
          i = t.end;
          continue;
        }
        if (t.name === 'br') out.sep(2, i, t.end);
        else if (BLOCK.has(t.name)) out.sep(3, i, t.end);
        else if (CELL.has(t.name)) out.sep(1, i, t.end);
        if (t.name === 'pre') pre = t.close ? Math.max(0, pre - 1) : pre + 1;
        i = t.end;
        continue;
      }
      if (c1 === 47 && html.charCodeAt(i + 2) === 62) { i += 3; continue; } // "</>"
      if (c1 === 47) { const k = html.indexOf('>', i + 2); i = k < 0 ? n : k + 1; continue; } // bogus comment
      // any other '<' is text ("a < b")
    }
    if (skipDepth > 0) {
      const k = html.indexOf('<', i + 1);
      i = k < 0 ? n : k;
      continue;
    }
    if (c === 38) {
      const e = readEntity(html, i);
      if (e) {
        for (let u = 0; u < e.text.length; u++) out.emit(e.text.charCodeAt(u), i, i + e.length);
        i += e.length;
        continue;
      }
    }
    if (isWs(c) && pre === 0) { out.sep(1, i, i + 1); i++; continue; }
    out.emit(c, i, i + 1);
    i++;
  }
  return { out, unclosed: skipDepth > 0 ? skipStart : -1 };
}

/** Extract the text of an HTML document (see the module comment), with its map back to the HTML. */
export function extractHtml(html: string): HtmlText {
  const keep = new Set<number>();
  let p = pass(html, keep);
  // an unclosed <nav>/<aside>/... would drop everything after it: keep that element instead (a few times at
  // most; then keep all boilerplate rather than redo the work again and again)
  while (p.unclosed >= 0) {
    keep.add(p.unclosed);
    p = pass(html, keep.size > 8 ? new Set(allDropStarts(html)) : keep);
    if (keep.size > 8) break;
  }
  const b = p.out;
  return { text: b.text(), map: { original: html, starts: b.starts.slice(0, b.len), ends: b.ends.slice(0, b.len) } };
}

function allDropStarts(html: string): number[] {
  const out: number[] = [];
  const re = /<([A-Za-z][^\s/>]*)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) if (DROP.has(m[1].toLowerCase())) out.push(m.index);
  return out;
}

/** The HTML range [start, end) that the text range [start, end) came from. */
export function toSource(map: SourceMap, start: number, end: number): { start: number; end: number } {
  const n = map.starts.length;
  if (n === 0) return { start: 0, end: 0 };
  if (end <= start) {
    const s = start < n ? map.starts[start] : map.ends[n - 1];
    return { start: s, end: s };
  }
  return { start: map.starts[Math.min(start, n - 1)], end: map.ends[Math.min(end, n) - 1] };
}
