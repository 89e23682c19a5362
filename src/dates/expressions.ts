// the English build only: the package root loads all 12 locales (~180 ms of cold start); its `casual` is this one
import * as chrono from 'chrono-node/en';
import type { DatePrecision } from '../core/event.js';
import { type Day, parseDay, addDays, addMonths, weekday, compareDays, formatDay, periodStart } from './calendar.js';
import { gatedChrono } from './chrono-gated.js';

/** A date expression found in text, resolved against the publication date. */
export interface DateExpr {
  /** character range in the text given */
  start: number;
  end: number;
  text: string;
  /** YYYY-MM-DD; month precision → first of the month, year precision → January 1 */
  date: string;
  precision: DatePrecision;
  /** "since 2014": the start of a period that runs to the report */
  kind: 'point' | 'start';
}

export interface DateScan {
  dates: DateExpr[];
  /** spans read as durations ("for 14 months", "a two-year war"): never dates */
  durations: { start: number; end: number; text: string }[];
}

const NUM = '(?:\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|several|a few|few|many|some|a couple of|couple of)';
const UNIT = '(?:days?|nights?|weeks?|months?|years?|decades?|hours?|minutes?)';
const WORD_NUM: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50,
};
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SEASON_START: Record<string, number> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };

/** spans that are durations or ranges, not points in time */
const DURATION_PATTERNS: RegExp[] = [
  // "for 14 months", "for more than two years", "for the past three weeks", "for years"
  new RegExp(`\\bfor\\s+(?:(?:more|less|fewer)\\s+than\\s+|about\\s+|nearly\\s+|almost\\s+|over\\s+|at\\s+least\\s+|roughly\\s+|the\\s+(?:past|last|next|first)\\s+|another\\s+)?(?:${NUM}\\s+)?${UNIT}\\b`, 'gi'),
  // "a 14-month siege", "the two-year war", "a three-day visit"
  new RegExp(`\\b${NUM}[-\\s](?:day|night|week|month|year|decade|hour)(?:[-\\s](?:long|old))?\\b(?!\\s+(?:ago|earlier|later|before))`, 'gi'),
  // "in the past three years", "over the last week", "within two days", "during the coming months"
  new RegExp(`\\b(?:in|over|during|within|throughout)\\s+(?:the\\s+)?(?:past|last|next|coming|previous|first|following)?\\s*(?:${NUM}\\s+)?${UNIT}\\b(?!\\s+ago)`, 'gi'),
  // "three days later", "a year earlier": relative to another event, not to the report
  new RegExp(`\\b${NUM}\\s+${UNIT}\\s+(?:later|after|afterwards|earlier|before|on)\\b`, 'gi'),
  /\b(?:years|months|weeks|days|decades)\s+of\b/gi,
  /\b\d+\s+years?\s+old\b/gi,
];

/**
 * Cheap pre-checks, all found in one pass over the text (scan): for each pattern, a condition every text it
 * matches meets, so a text that fails it skips the pattern. They only save time: results are the same.
 *
 * "Word character": [A-Za-z0-9_], what \b tests without the u flag; \s and "-" are not word characters. A
 * "word start" is a position after a non-word character, or the start of the text. "w at i, any case": the
 * lower-case ASCII word w at i, ignoring ASCII case; the patterns read this way are case-insensitive without
 * the u flag, and such a pattern matches an ASCII letter only with the same letter in either case (non-u
 * Canonicalize never maps a code unit ≥ 128 to one < 128: K, ſ, İ match no ASCII letter). Every word below
 * starts with a letter, a word character: after \b, \s or "-" it is at a word start.
 * - UNIT_B: a unit stem (day night week month year decade hour minute), any case, at a word start. Every match
 *   of DURATION_PATTERNS 1, 2, 4, 5, 6 and of relRe has one right after \s or "-" (1: "for\s+", the optional
 *   prefixes all end in \s+, "NUM\s+"; 2: "NUM[-\s]"; 4: "NUM\s+"; 6: "\d+\s+years?"; relRe:
 *   "(last|this|next)\s+"), or right after \b (5: "\b(?:years|...)").
 * - UNIT_3: a unit stem, any case, at a word start or after t, g or s (either case). Pattern 3,
 *   `...\s+(?:the\s+)?(?:past|last|next|coming|previous|first|following)?\s*(?:NUM\s+)?UNIT`: the unit
 *   follows \s, or, with \s* empty, the last letter of a modifier word (t, g, s), in either case (i flag).
 * - AGO (agoRe: `...s?\s+ago\b`): "ago", any case, at a word start.
 * - DAY_WORD (dayRe: `\b(the day before yesterday|yesterday|last night|today|tonight|this (?:morning|...)|
 *   earlier today)\b`): yesterday, today, tonight, night, morning, afternoon or evening, any case, at a word
 *   start (each alternative starts at \b or has one of these after a space).
 * - SEASON (seasonRe): spring, summer, autumn, fall or winter, any case, at a word start (every alternative
 *   before the season ends in \s+).
 * - DIGIT: a character 0-9 (what \d matches without the u flag): exactly /\d/.test(text).
 * - YEAR (yearRe): 18, 19 or 20 and two more digits, at a word start (yearRe has `(?:\s+|-)`, or `[-\s]`
 *   after early/late/mid, right before the year).
 * - WEEKDAY (wdRe, case-sensitive: `\b(?:(last|...)\s+)?(Monday|...|Sunday)`): a weekday name, exactly, at a
 *   word start.
 * - MONTH_CAP (chronoDates' test `\b(Jan|Feb|...|Dec)`, case-sensitive): one of those, exactly, at a word
 *   start: exactly that test.
 */
const UNIT_B = 1, UNIT_3 = 2, AGO = 4, DAY_WORD = 8, SEASON = 16, DIGIT = 32, YEAR = 64, WEEKDAY = 128, MONTH_CAP = 256;

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** does `word` (lower-case ASCII letters; its first letter already seen) occur at i, ignoring ASCII case? */
function foldAt(text: string, i: number, word: string): boolean {
  for (let k = 1; k < word.length; k++) if ((text.charCodeAt(i + k) | 32) !== word.charCodeAt(k)) return false;
  return true; // (x | 32) equals a lower-case ASCII letter only for that letter and its upper case; NaN | 32 is 32
}

/** is `rest` at i + 1, exactly? */
function restAt(text: string, i: number, rest: string): boolean {
  for (let k = 0; k < rest.length; k++) if (text.charCodeAt(i + 1 + k) !== rest.charCodeAt(k)) return false;
  return true;
}

/** a unit stem at i (its first letter, lower-cased: l)? */
function unitAt(text: string, i: number, l: number): boolean {
  switch (l) {
    case 100: return foldAt(text, i, 'day') || foldAt(text, i, 'decade'); // d
    case 104: return foldAt(text, i, 'hour'); // h
    case 109: return foldAt(text, i, 'month') || foldAt(text, i, 'minute'); // m
    case 110: return foldAt(text, i, 'night'); // n
    case 119: return foldAt(text, i, 'week'); // w
    case 121: return foldAt(text, i, 'year'); // y
    default: return false;
  }
}

/** the flags of the words starting at word start i: c its character (an ASCII letter), l that lower-cased */
function wordStart(text: string, i: number, c: number, l: number): number {
  let f = unitAt(text, i, l) ? UNIT_B | UNIT_3 : 0;
  switch (c) { // exact case: the weekday and month names
    case 65: if (restAt(text, i, 'pr') || restAt(text, i, 'ug')) f |= MONTH_CAP; break; // A
    case 68: if (restAt(text, i, 'ec')) f |= MONTH_CAP; break; // D
    case 70: if (restAt(text, i, 'eb')) f |= MONTH_CAP; else if (restAt(text, i, 'riday')) f |= WEEKDAY; break; // F
    case 74: if (restAt(text, i, 'an') || restAt(text, i, 'un') || restAt(text, i, 'ul')) f |= MONTH_CAP; break; // J
    case 77: if (restAt(text, i, 'ar') || restAt(text, i, 'ay')) f |= MONTH_CAP; else if (restAt(text, i, 'onday')) f |= WEEKDAY; break; // M
    case 78: if (restAt(text, i, 'ov')) f |= MONTH_CAP; break; // N
    case 79: if (restAt(text, i, 'ct')) f |= MONTH_CAP; break; // O
    case 83: if (restAt(text, i, 'ep')) f |= MONTH_CAP; else if (restAt(text, i, 'aturday') || restAt(text, i, 'unday')) f |= WEEKDAY; break; // S
    case 84: if (restAt(text, i, 'uesday') || restAt(text, i, 'hursday')) f |= WEEKDAY; break; // T
    case 87: if (restAt(text, i, 'ednesday')) f |= WEEKDAY; break; // W
  }
  switch (l) {
    case 97: if (foldAt(text, i, 'ago')) f |= AGO; else if (foldAt(text, i, 'afternoon')) f |= DAY_WORD; else if (foldAt(text, i, 'autumn')) f |= SEASON; break;
    case 101: if (foldAt(text, i, 'evening')) f |= DAY_WORD; break;
    case 102: if (foldAt(text, i, 'fall')) f |= SEASON; break;
    case 109: if (foldAt(text, i, 'morning')) f |= DAY_WORD; break;
    case 110: if (f & UNIT_B) f |= DAY_WORD; break; // "night": a unit stem too
    case 115: if (foldAt(text, i, 'spring') || foldAt(text, i, 'summer')) f |= SEASON; break;
    case 116: if (foldAt(text, i, 'today') || foldAt(text, i, 'tonight')) f |= DAY_WORD; break;
    case 119: if (foldAt(text, i, 'winter')) f |= SEASON; break;
    case 121: if (foldAt(text, i, 'yesterday')) f |= DAY_WORD; break;
  }
  return f;
}

/** every word wordStart looks for (lower-cased) */
const START_WORDS = ['day', 'decade', 'hour', 'month', 'minute', 'night', 'week', 'year', 'ago', 'afternoon', 'autumn', 'evening', 'fall',
  'morning', 'spring', 'summer', 'today', 'tonight', 'winter', 'yesterday', 'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct',
  'nov', 'dec', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** the first three letters (lower-cased, a-z as 0-25) of START_WORDS: a word start without them holds none */
const START3 = new Uint8Array(26 * 26 * 26);
for (const w of START_WORDS) START3[(w.charCodeAt(0) - 97) * 676 + (w.charCodeAt(1) - 97) * 26 + (w.charCodeAt(2) - 97)] = 1;

/** may one of START_WORDS start at i (l: the lower-cased ASCII letter at i)? Each has three letters or more */
function mayStart(text: string, i: number, l: number): boolean {
  const l1 = text.charCodeAt(i + 1) | 32;
  const l2 = text.charCodeAt(i + 2) | 32; // past the end: NaN | 32 = 32, no letter
  return l1 >= 97 && l1 <= 122 && l2 >= 97 && l2 <= 122 && START3[(l - 97) * 676 + (l1 - 97) * 26 + (l2 - 97)] === 1;
}

/** the pre-check flags of a text (see above) */
function scan(text: string): number {
  let f = 0;
  let inWord = false; // is the character before i a word character?
  let prev = 32; // the character before i (before the text: a space)
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    const l = c | 32;
    if (l >= 97 && l <= 122) { // an ASCII letter
      if (!inWord) {
        if (mayStart(text, i, l)) f |= wordStart(text, i, c, l);
        inWord = true;
      } else if (!(f & UNIT_3)) {
        const p = prev | 32;
        if ((p === 116 || p === 103 || p === 115) && unitAt(text, i, l)) f |= UNIT_3;
      }
    } else if (isDigitCode(c)) {
      f |= DIGIT;
      if ((c === 49 || c === 50) && !inWord) {
        const c1 = text.charCodeAt(i + 1);
        if ((c === 49 ? c1 === 56 || c1 === 57 : c1 === 48) && isDigitCode(text.charCodeAt(i + 2)) && isDigitCode(text.charCodeAt(i + 3))) f |= YEAR;
      }
      inWord = true;
    } else inWord = c === 95; // "_" is a word character
    prev = c;
  }
  return f;
}

/** what each of DURATION_PATTERNS needs of scan (UNIT_B implies UNIT_3) */
const DURATION_NEEDS = [UNIT_B, UNIT_B, UNIT_3, UNIT_B, UNIT_B, UNIT_B | DIGIT];

function numberOf(s: string): number {
  const t = s.toLowerCase().trim();
  if (/^\d+$/.test(t)) return +t;
  return WORD_NUM[t] ?? NaN;
}

interface Found {
  start: number;
  end: number;
  day: Day | null; // null: recognised but not a usable past date (future, relative to something else)
  precision: DatePrecision;
  kind: 'point' | 'start';
  source: 'rule' | 'chrono';
}

/** most recent weekday `wd` on or before `pub`; strictly before with "last" */
function pastWeekday(pub: Day, wd: number, strict: boolean): Day {
  let back = (weekday(pub) - wd + 7) % 7;
  if (back === 0 && strict) back = 7;
  return addDays(pub, -back);
}

/** start month of the season instance a phrase names, with past preference */
function season(pub: Day, name: string, mod: string | null, year: number | null): { day: Day; precision: DatePrecision } | null {
  const start = SEASON_START[name];
  if (year !== null) return name === 'winter' ? { day: { y: year, m: 1, d: 1 }, precision: 'year' } : { day: { y: year, m: start, d: 1 }, precision: 'month' };
  // the most recent instance that has started by publication
  let y = pub.y;
  if (start > pub.m) y--;
  const current = { y, m: start, d: 1 };
  const ended = compareDays(addMonths(current, 3), pub) <= 0;
  if (mod === 'last' || mod === 'past' || mod === 'previous') return { day: ended ? current : { y: y - 1, m: start, d: 1 }, precision: 'month' };
  if (mod === 'next') return null;
  return { day: current, precision: 'month' };
}

// the rules' patterns, compiled once (each loop below runs its pattern to the end, which leaves lastIndex at 0)
const YEAR_RE = /\b(since|in|during|by|until|till|from|before|after|of|early|late|mid|and|between|through|throughout|the|around|circa)(?:\s+|-)(?:(?:early|late|mid)[-\s])?((?:1[89]|20)\d{2})\b(?!\s*(?:people|troops|soldiers|civilians|km|kilometres|kilometers|miles|metres|meters|tons|tonnes|dollars|%|percent))/gi;
const REL_RE = /\b(?:(?:earlier|later|late|early)\s+)?(last|this|next)\s+(year|month|week)\b/gi;
const DAY_RE = /\b(the day before yesterday|yesterday|last night|today|tonight|this (?:morning|afternoon|evening)|earlier today)\b/gi;
const WD_RE = /\b(?:(last|this|next|past)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!s\b)\b/g;
const SEASON_RE = /\b(?:(last|this|next|past|previous)\s+|(?:in|during|since|by)\s+(?:the\s+)?(?:early\s+|late\s+)?)(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?((?:19|20)\d{2}))?\b(?!\s+of\b)/gi;
const AGO_RE = new RegExp(`\\b(${NUM})\\s+(day|week|month|year|decade)s?\\s+ago\\b`, 'gi');

/** our own rules: years, relative periods, weekdays, seasons, "N units ago", today/yesterday */
function ruleDates(text: string, flags: number, pub: Day): Found[] {
  const out: Found[] = [];
  const add = (m: RegExpExecArray, day: Day | null, precision: DatePrecision, kind: 'point' | 'start' = 'point', offset = 0) =>
    out.push({ start: m.index + offset, end: m.index + m[0].length, day, precision, kind, source: 'rule' });
  let m: RegExpExecArray | null;
  const hasYear = (flags & YEAR) !== 0;
  const hasUnit = (flags & UNIT_B) !== 0;
  const hasAgo = (flags & AGO) !== 0;
  const hasDayWord = (flags & DAY_WORD) !== 0;
  const hasWeekday = (flags & WEEKDAY) !== 0;
  const hasSeason = (flags & SEASON) !== 0;
  // "since 2014", "in 2011", "in early 2019", "during the 2011 uprising", "mid-2019"
  const yearRe = YEAR_RE;
  yearRe.lastIndex = 0;
  while (hasYear && (m = yearRe.exec(text))) {
    const y = +m[2];
    const lead = m[1].toLowerCase();
    const kind = lead === 'since' || lead === 'from' ? 'start' : 'point';
    add(m, y <= pub.y ? { y, m: 1, d: 1 } : null, 'year', kind, lead === 'the' || lead === 'and' ? m[0].length - 4 : 0);
  }
  // "last year", "earlier this month", "late last year", "this week", "next month"
  const relRe = REL_RE;
  relRe.lastIndex = 0;
  while (hasUnit && (m = relRe.exec(text))) {
    const mod = m[1].toLowerCase();
    const unit = m[2].toLowerCase();
    if (mod === 'next') { add(m, null, 'day'); continue; }
    const back = mod === 'this' ? 0 : 1;
    if (unit === 'year') add(m, { y: pub.y - back, m: 1, d: 1 }, 'year');
    else if (unit === 'month') add(m, addMonths(pub, -back), 'month');
    else {
      // a week is not a day: month precision at the week's Monday
      const monday = addDays(pub, -((weekday(pub) + 6) % 7) - 7 * back);
      add(m, monday, 'month');
    }
  }
  // "three days ago", "two years ago", "a week ago"
  const agoRe = AGO_RE;
  agoRe.lastIndex = 0;
  while (hasAgo && (m = agoRe.exec(text))) {
    const n = numberOf(m[1].replace(/^a couple of$/i, '2'));
    if (!Number.isFinite(n)) { add(m, null, 'day'); continue; }
    const u = m[2].toLowerCase();
    if (u === 'day') add(m, addDays(pub, -n), 'day');
    else if (u === 'week') add(m, addDays(pub, -7 * n), 'month');
    else if (u === 'month') add(m, addMonths(pub, -n), 'month');
    else add(m, { y: pub.y - n * (u === 'decade' ? 10 : 1), m: 1, d: 1 }, 'year');
  }
  // today / yesterday / last night
  const dayRe = DAY_RE;
  dayRe.lastIndex = 0;
  while (hasDayWord && (m = dayRe.exec(text))) {
    const w = m[1].toLowerCase();
    const back = w.startsWith('the day before') ? 2 : w === 'yesterday' || w === 'last night' ? 1 : 0;
    add(m, addDays(pub, -back), 'day');
  }
  // weekdays, capitalized: "on Saturday", "last Thursday", "Saturday's attack"; "Mondays" is habitual
  const wdRe = WD_RE;
  wdRe.lastIndex = 0;
  while (hasWeekday && (m = wdRe.exec(text))) {
    const mod = m[1]?.toLowerCase() ?? null;
    if (mod === 'next') { add(m, null, 'day'); continue; }
    add(m, pastWeekday(pub, WEEKDAYS.indexOf(m[2].toLowerCase()), mod === 'last' || mod === 'past'), 'day');
  }
  // seasons: "last spring", "in the summer of 2019", "this winter"; "Arab Spring" is a name
  const seasonRe = SEASON_RE;
  seasonRe.lastIndex = 0;
  while (hasSeason && (m = seasonRe.exec(text))) {
    if (/^[A-Z]/.test(m[2]) && /\p{Lu}\p{Ll}*\s+$/u.test(text.slice(0, m.index + m[0].indexOf(m[2])))) continue;
    const r = season(pub, m[2].toLowerCase(), m[1]?.toLowerCase() ?? null, m[3] ? +m[3] : null);
    add(m, r ? r.day : null, r ? r.precision : 'month', /^since/i.test(m[0]) ? 'start' : 'point');
  }
  return out;
}

const MONTH_CAP_RE = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;

/**
 * For scripts/dates-equiv.ts: the pre-checked patterns and the scan flags each needs (every text a pattern
 * matches must have them); `exact`: the flag is the pattern's test itself (chronoDates' condition).
 */
export const PRECHECKED: readonly { name: string; re: RegExp; needs: number; exact?: boolean }[] = [
  ...DURATION_PATTERNS.map((re, i) => ({ name: `DURATION_PATTERNS[${i}]`, re, needs: DURATION_NEEDS[i] })),
  { name: 'yearRe', re: YEAR_RE, needs: YEAR },
  { name: 'relRe', re: REL_RE, needs: UNIT_B },
  { name: 'agoRe', re: AGO_RE, needs: AGO },
  { name: 'dayRe', re: DAY_RE, needs: DAY_WORD },
  { name: 'wdRe', re: WD_RE, needs: WEEKDAY },
  { name: 'seasonRe', re: SEASON_RE, needs: SEASON },
  { name: '\\d', re: /\d/, needs: DIGIT, exact: true },
  { name: 'month abbreviation', re: MONTH_CAP_RE, needs: MONTH_CAP, exact: true },
];
export { scan };

/**
 * chrono.casual without the parser runs that cannot change what chronoDates keeps (chrono-gated.ts): the
 * same dates; texts with nothing but numbers, times and weekdays (half of those that reach chrono) cost a
 * third of what they did
 */
const CHRONO = gatedChrono(chrono.casual);

/** what chronoDates needs of a chrono instance */
export type DateParser = Pick<chrono.Chrono, 'parse'>;

const MONTH_WORD = /\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b/i;

/** chrono-node for calendar dates ("March 3", "3 March 2011", "in March"), corrected to past preference */
function chronoDates(text: string, flags: number, pub: Day, parser: DateParser): Found[] {
  const out: Found[] = [];
  // only calendar dates are taken from chrono: skip it when there is no digit and no month name
  // (/\d/.test(text) || /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/.test(text), from scan)
  if (!(flags & (DIGIT | MONTH_CAP))) return out;
  const ref = new Date(pub.y, pub.m - 1, pub.d, 12);
  for (const r of parser.parse(text, ref, { forwardDate: false })) {
    const s = r.start;
    const mw = MONTH_WORD.exec(r.text);
    if (!s.isCertain('month') && !s.isCertain('day') && !s.isCertain('year')) continue; // times, weekdays: our rules
    if (s.isCertain('weekday') && !s.isCertain('day')) continue;
    if (mw && !/^[A-Z]/.test(mw[0])) continue; // "march", "may" are words
    if (!mw && !/\d/.test(r.text)) continue; // relative words: our rules
    const precision: DatePrecision = s.isCertain('day') ? 'day' : s.isCertain('month') ? 'month' : 'year';
    let day: Day | null = { y: s.get('year') ?? pub.y, m: s.get('month') ?? 1, d: s.get('day') ?? 1 };
    if (!s.isCertain('year') && compareDays(periodStart(day, precision), pub) > 0) day = { ...day, y: day.y - 1 };
    if (compareDays(periodStart(day, precision), pub) > 0) day = null;
    const before = text.slice(Math.max(0, r.index - 6), r.index).toLowerCase();
    out.push({ start: r.index, end: r.index + r.text.length, day, precision, kind: /since\s*$/.test(before) ? 'start' : 'point', source: 'chrono' });
  }
  return out;
}

const RANK: Record<DatePrecision, number> = { day: 3, month: 2, year: 1 };

/**
 * Find the date expressions of a text and resolve them against the publication date (YYYY-MM-DD) with past
 * preference: a weekday is the most recent one on or before publication ("last" Saturday: strictly before),
 * a month without year is the latest one not after publication, and nothing resolves after publication.
 */
export function findDates(text: string, publication: string): DateScan {
  return findDatesUsing(CHRONO, text, publication);
}

/** findDates(text, publication).dates, for the dates stage: the durations are only looked for to filter readings */
export function datesIn(text: string, publication: string): DateExpr[] {
  return scanDates(CHRONO, text, publication, false).dates;
}

/** the publication date read once for the sentences of a document (Day values are never changed in place) */
let lastPublication = '';
let lastPub: Day = { y: 0, m: 0, d: 0 };
function publicationDay(iso: string): Day {
  if (iso !== lastPublication) { lastPub = parseDay(iso); lastPublication = iso; }
  return lastPub;
}

/** findDates with another chrono instance (scripts/dates-equiv.ts compares CHRONO with chrono.casual) */
export function findDatesUsing(parser: DateParser, text: string, publication: string): DateScan {
  return scanDates(parser, text, publication, true);
}

/**
 * findDatesUsing; with `allDurations` false the durations are looked for only when there is a reading for them to
 * filter (the dates are the same; the durations are then complete only when there is a date reading)
 */
function scanDates(parser: DateParser, text: string, publication: string, allDurations: boolean): DateScan {
  const pub = publicationDay(publication);
  const flags = scan(text);
  // (the patterns are independent: each loop below runs its own to the end)
  const found = [...ruleDates(text, flags, pub), ...chronoDates(text, flags, pub, parser)];
  const durations: DateScan['durations'] = [];
  if (flags & UNIT_3 && (allDurations || found.length)) for (let i = 0; i < DURATION_PATTERNS.length; i++) {
    if ((flags & DURATION_NEEDS[i]) !== DURATION_NEEDS[i]) continue;
    const re = DURATION_PATTERNS[i];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) durations.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  const inDuration = (f: Found) => durations.some((d) => f.start < d.end && f.end > d.start);
  const all = found.filter((f) => !inDuration(f));
  // overlapping readings: the more precise, then the longer, then ours
  all.sort((a, b) => a.start - b.start);
  const kept: Found[] = [];
  for (const f of all) {
    const clash = kept.findIndex((k) => f.start < k.end && f.end > k.start);
    if (clash < 0) { kept.push(f); continue; }
    const k = kept[clash];
    const better = (f.day ? RANK[f.precision] : 0) - (k.day ? RANK[k.precision] : 0) || (f.end - f.start) - (k.end - k.start);
    if (better > 0) kept[clash] = { ...f, kind: k.kind === 'start' ? 'start' : f.kind };
  }
  const dates: DateExpr[] = [];
  for (const f of kept) {
    if (!f.day) continue;
    if (compareDays(periodStart(f.day, f.precision), pub) > 0) continue;
    dates.push({ start: f.start, end: f.end, text: text.slice(f.start, f.end), date: formatDay(f.day, f.precision), precision: f.precision, kind: f.kind });
  }
  return { dates, durations };
}
