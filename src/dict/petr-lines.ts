import { DyadError } from '../core/errors.js';

/** A dictionary line with its comments removed. */
export interface PetrLine {
  /** 1-based line number in the file */
  line: number;
  /** the text without comments, right-trimmed */
  text: string;
  /** the raw line started with a tab or spaces (TABARI date-restriction lines are indented) */
  indented: boolean;
}

/**
 * Lines of a PETRARCH/TABARI dictionary, the way PETRARCH's read_FIN_line() sees them: `#` starts a comment
 * to the end of the line, `<!-- ... -->` comments may span lines, a line starting with `<!` is skipped,
 * blank lines are dropped. The first line of a file may carry a UTF-8 BOM.
 */
export function petrLines(text: string, file: string): PetrLine[] {
  const out: PetrLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let inComment = -1;
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i];
    if (inComment >= 0) {
      const end = l.indexOf('-->');
      if (end < 0) continue;
      l = l.slice(end + 3);
      inComment = -1;
    }
    // inline and opening XML comments
    for (;;) {
      const open = l.indexOf('<!--');
      if (open < 0) break;
      const close = l.indexOf('-->', open + 4);
      if (close < 0) { l = l.slice(0, open); inComment = i; break; }
      l = l.slice(0, open) + l.slice(close + 3);
    }
    if (l.trimStart().startsWith('<!')) continue;
    const hash = commentStart(l);
    if (hash >= 0) l = l.slice(0, hash);
    if (!l.trim()) continue;
    out.push({ line: i + 1, text: l.replace(/\s+$/, ''), indented: /^[\t ]/.test(l) });
  }
  if (inComment >= 0) throw new DyadError('E_DICT_SYNTAX', "'<!--' comment is never closed with '-->'", `${file}:${inComment + 1}`);
  return out;
}

/** where a `#` comment starts, or -1; a `#` inside a [code block] is data ("[###]" in the validation files) */
function commentStart(l: string): number {
  let depth = 0;
  for (let i = 0; i < l.length; i++) {
    const c = l[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '#' && depth === 0) return i;
  }
  return -1;
}

/** PETRARCH/TABARI dates: YYMMDD (YY <= 30 → 20YY) or YYYYMMDD. Returns ISO or null when invalid. */
export function petrDate(s: string): string | null {
  const d = s.trim();
  let y: number, m: number, day: number;
  if (/^\d{8}$/.test(d)) { y = +d.slice(0, 4); m = +d.slice(4, 6); day = +d.slice(6, 8); }
  else if (/^\d{6}$/.test(d)) { y = +d.slice(0, 2); y += y <= 30 ? 2000 : 1900; m = +d.slice(2, 4); day = +d.slice(4, 6); }
  else return null;
  const dt = new Date(Date.UTC(y, m - 1, day));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== day) return null;
  return dt.toISOString().slice(0, 10);
}

/** ISO date ± days */
export function shiftDate(iso: string, days: number): string {
  const dt = new Date(iso + 'T00:00:00Z');
  dt.setUTCDate(dt.getUTCDate() + days);
  return dt.toISOString().slice(0, 10);
}

/** A dictionary phrase in dyad's spelling: "KHALIFA_HAFTAR_" → "KHALIFA HAFTAR" (words joined by spaces). */
export function petrPhrase(s: string): string {
  return s.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}
