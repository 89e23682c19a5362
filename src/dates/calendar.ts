import type { DatePrecision } from '../core/event.js';

/** A calendar day in UTC arithmetic (no time zones: publication dates are calendar dates). */
export interface Day {
  y: number;
  m: number; // 1-12
  d: number;
}

export function parseDay(iso: string): Day {
  const [y, m, d] = iso.split('-').map(Number);
  return { y, m, d };
}

const utc = (x: Day) => Date.UTC(x.y, x.m - 1, x.d);

function fromUtc(ms: number): Day {
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(x: Day, n: number): Day {
  return fromUtc(utc(x) + n * 86400000);
}

export function addMonths(x: Day, n: number): Day {
  const idx = x.y * 12 + (x.m - 1) + n;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1, d: 1 };
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(x: Day): number {
  return new Date(utc(x)).getUTCDay();
}

export function compareDays(a: Day, b: Day): number {
  return utc(a) - utc(b);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO form of a date at a precision: month → YYYY-MM-01, year → YYYY-01-01 (the period's first day) */
export function formatDay(x: Day, precision: DatePrecision): string {
  if (precision === 'year') return `${pad(x.y, 4)}-01-01`;
  if (precision === 'month') return `${pad(x.y, 4)}-${pad(x.m)}-01`;
  return `${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`;
}

/** the first day of the period a (date, precision) stands for: a period that starts after publication is in the future */
export function periodStart(x: Day, precision: DatePrecision): Day {
  if (precision === 'year') return { y: x.y, m: 1, d: 1 };
  if (precision === 'month') return { y: x.y, m: x.m, d: 1 };
  return x;
}
