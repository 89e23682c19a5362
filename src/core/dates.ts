import { DyadError } from './errors.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse a strict YYYY-MM-DD calendar date; throws E_DATE_INVALID. */
export function parseIsoDate(s: string, what = 'date'): string {
  const m = ISO.exec(s.trim());
  if (!m) throw new DyadError('E_DATE_INVALID', `${what} '${s}' is not YYYY-MM-DD`);
  const y = +m[1], mo = +m[2], d = +m[3];
  // Date.UTC reads years 0–99 as 1900–1999: set the year on its own
  const dt = new Date(Date.UTC(2000, mo - 1, d));
  dt.setUTCFullYear(y, mo - 1, d);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    throw new DyadError('E_DATE_INVALID', `${what} '${s}' is not a calendar date`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Compare ISO dates as strings; works because the format is fixed-width. */
export function dateInRange(date: string, from?: string | null, to?: string | null): boolean {
  if (from && date < from) return false;
  if (to && date > to) return false;
  return true;
}
