/**
 * Publication dates as feeds and pages write them: ISO 8601 (article:published_time, JSON-LD, Atom,
 * <time datetime>) and RFC 822 (RSS pubDate). The calendar date is the one written, in the publisher's own
 * time zone ("2024-03-16T23:30:00-05:00" is 16 March), which is what relative dates in the text refer to.
 */
import { parseIsoDate } from '../core/dates.js';

export interface PubDate {
  /** YYYY-MM-DD as written */
  date: string;
  /** the timestamp, ISO 8601 when it could be read so, else the raw value */
  iso: string;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const ZONES: Record<string, string> = {
  UT: '+00:00', UTC: '+00:00', GMT: '+00:00', Z: '+00:00', EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00',
  MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const RFC822 = /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([A-Za-z]{1,5}|[+-]\d{4})?)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

function calendar(y: number, m: number, d: number): string | null {
  try {
    return parseIsoDate(`${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`);
  } catch {
    return null;
  }
}

/** not before the web, not after tomorrow (feeds carry bogus far-future dates now and then) */
function plausible(date: string, now: Date): boolean {
  const tomorrow = new Date(now.getTime() + 36 * 3600_000).toISOString().slice(0, 10);
  return date >= '1990-01-01' && date <= tomorrow;
}

/** A publication date from a metadata value, or null when it cannot be read or is implausible. */
export function readPubDate(raw: string | null | undefined, now = new Date()): PubDate | null {
  if (!raw) return null;
  const s = raw.trim().replace(/\s+/g, ' ');
  if (!s) return null;
  let out: PubDate | null = null;
  let m = ISO.exec(s);
  if (m) {
    const date = calendar(+m[1], +m[2], +m[3]);
    if (date) out = { date, iso: s.replace(' ', 'T') };
  } else if ((m = RFC822.exec(s))) {
    const mon = MONTHS[m[2].slice(0, 3).toLowerCase()];
    let y = +m[3];
    if (m[3].length === 2) y += y < 70 ? 2000 : 1900;
    const date = mon ? calendar(y, mon, +m[1]) : null;
    if (date) {
      let iso = date;
      if (m[4] !== undefined) {
        const z = m[7] ? (/^[+-]\d{4}$/.test(m[7]) ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : ZONES[m[7].toUpperCase()] ?? '') : '';
        iso = `${date}T${pad(+m[4])}:${m[5]}:${m[6] ?? '00'}${z}`;
      }
      out = { date, iso };
    }
  } else if (/\b(19|20)\d{2}\b/.test(s)) {
    // anything else Date can read with a year in it ("March 16, 2024"), as written (local calendar fields)
    const t = new Date(Date.parse(s));
    const date = Number.isFinite(t.getTime()) ? calendar(t.getFullYear(), t.getMonth() + 1, t.getDate()) : null;
    if (date) out = { date, iso: s };
  }
  return out && plausible(out.date, now) ? out : null;
}
