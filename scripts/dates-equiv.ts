// Equivalence check for the gated chrono instance of the dates stage (src/dates/chrono-gated.ts):
//   node dist/scripts/dates-equiv.js [generated texts=200000] [seed=1] [another build's dist/src/dates/expressions.js]
// Over generated date-like texts (month names and abbreviations in every case, digits glued to months and
// weekdays, ordinals, times, years, slashes, ISO dates, ago/later/within, last/next/this, ranges, timezones,
// punctuation, news words), every sentence of the bench corpus and every case-table text, each with several
// publication dates, it checks
//   1. findDates (gated chrono) deep-equal to findDatesUsing(chrono.casual): the output, what must not change
//      (and to the findDates of the other build given, e.g. one of main before the change); and datesIn (the
//      dates stage's, which looks for durations only to filter readings) deep-equal to its dates;
//   2. the chrono readings: the gated instance returns exactly chrono.casual's, or (skip 2) [] where every
//      reading of chrono.casual lacks a certain day, month and year;
//   3. the argument of skip 2 directly: the time and weekday parsers alone, through all refiners, never give
//      a reading with a certain day, month or year;
//   4. each precheck (words and digit shapes): where it finds nothing, its parser's pattern finds nothing either;
//   5. the pre-checks of findDates' own patterns (expressions.ts, scan): every text a pattern matches has the
//      flags it needs, and the exact ones are the pattern's test (generated rule and duration shapes: number
//      words, units glued or after t/g/s, for/in/over/within/during/throughout, "14-month", "years of",
//      "N years old", years after - or letters, weekday and month names in and after words, seasons, "ago",
//      mixed case, non-ASCII letters whose case mappings are ASCII: K, ſ, İ, ı, and Unicode spaces); and the
//      one-pass test of the chrono prechecks (precheckScanner) gives each precheck's own test.
// Prints the counts; exits 1 on any difference.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import * as chrono from 'chrono-node/en';
import { datesIn, findDates, findDatesUsing, PRECHECKED, scan } from '../src/dates/expressions.js';
import { gatedChrono, precheckScanner, probeApplies, PRECHECKS, SHAPE_PRECHECKS, TIME_ONLY } from '../src/dates/chrono-gated.js';
import { loadCorpus } from '../src/bench/corpus.js';
import { codeDoc } from '../src/pipeline.js';
import { ROOT, caseFiles, readCaseTable } from '../test/helpers.js';
import { readTable } from '../test/tables.js';

const COUNT = Number(process.argv[2] ?? 200_000);
const SEED = Number(process.argv[3] ?? 1);
type FindDates = typeof findDates;
const other: FindDates | null = process.argv[4]
  ? ((await import(pathToFileURL(path.resolve(process.argv[4])).href)) as { findDates: FindDates }).findDates
  : null;

// ---------------------------------------------------------------- random texts
let state = SEED >>> 0 || 1;
/** mulberry32: reproducible from the seed */
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(a: readonly T[]): T => a[int(a.length)];
const chance = (p: number) => rand() < p;

function casing(w: string): string {
  switch (int(6)) {
    case 0: return w.toLowerCase();
    case 1: return w.toUpperCase();
    case 2: return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
    case 3: return [...w].map((c) => (chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
    default: return w.charAt(0).toUpperCase() + w.slice(1);
  }
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_ABBR = ['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'weekend', 'weekday'];
const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'tenth', 'twelfth', 'twentieth', 'twenty-first', 'twenty first', 'thirtieth', 'thirty-first'];
const NUMBER_WORDS = ['one', 'two', 'three', 'five', 'eight', 'ten', 'twelve', 'a', 'an', 'a few', 'few', 'several', 'half', 'half an', 'a couple of', 'couple', 'the', 'about 3', 'around two'];
const UNITS = ['s', 'sec', 'second', 'seconds', 'm', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days', 'w', 'week', 'weeks', 'mo', 'mon', 'mos', 'month', 'months', 'qtr', 'quarter', 'quarters', 'y', 'yr', 'year', 'years'];
const RELATIVE = ['ago', 'before', 'earlier', 'later', 'after', 'from now', 'henceforth', 'forward', 'out', 'within', 'in', 'for', 'since', 'until', 'by'];
const MODIFIERS = ['last', 'next', 'this', 'past', 'after this', 'previous', 'coming', 'early', 'late', 'mid', 'end of', 'the end of the', 'last day of', 'end of the month', 'last day of the month', 'beginning of'];
const CASUAL = ['today', 'tonight', 'tomorrow', 'yesterday', 'now', 'tmr', 'tmrw', 'overmorrow', 'last night', 'lastnight', 'this morning', 'morning', 'afternoon', 'evening', 'night', 'midnight', 'midday', 'noon'];
const TIME_WORDS = ['am', 'pm', 'a.m.', 'p.m.', 'a', 'p', "o'clock", 'oclock', 'at night', 'in the morning', 'in the afternoon'];
const CONNECT = [' to ', ' - ', '-', '–', ' until ', ' through ', ' till ', ' and ', ', ', ' of ', ' at ', ' on ', ' from ', ' T', 'T', ' ~ ', '/', '.', ':', ' ', ''];
const TZ = ['GMT', 'UTC', 'EST', 'PST', 'CET', 'JST', 'IST', 'BST', 'GMT+3', 'UTC-05:00', '+0530', '-08', '(EST)', 'Z', 'BC', 'AD', 'BE', 'CE', 'BCE'];
const WORDS = ['Russia', 'attacked', 'Ukraine', 'the', 'on', 'in', 'of', 'said', 'officials', 'killed', 'people', "Saturday's", 'Mondays',
  'march', 'marched', 'may', 'Mayor', 'Marching', 'octopus', 'decided', 'Sunni', 'showed', 'Africa', 'thus', 'satellite', 'monitor',
  'junta', 'augment', 'novel', 'separate', 'Jan', 'Dec', 'doctor', 'about', 'without', 'throughout', 'known', 'snow', 'talks',
  'government', 'troops', 'since', 'during', 'between', 'and', 'or', 'but', 'President', 'Minister', 'visit', 'summit', 'ceasefire',
  'Second', 'third', 'Mon', 'Sat', 'Wed', 'May', 'March', 'April', 'August', 'Spring', 'winter', 'fall', 'season', 'weekly', 'monthly',
  'daily', 'yearly', 'lasts', 'pasta', 'nexts', 'thiss', 'they', 'ad', 'am', 'pm', 'at', 'from', 'to', 'till', 'until', '%', 'percent', 'km'];
const PUNCT = [',', '.', ';', ':', '(', ')', '"', "'", '!', '?', '-', '/', '+', '–', '—', '…', '（', '）', '\u00a0', '  ', '\t'];

const num = (max: number) => String(int(max + 1));
const pad2 = (n: number) => String(n).padStart(2, '0');
const year = () => pick([String(1890 + int(150)), String(1990 + int(40)), pad2(int(100)), String(1 + int(3000))]);
const ordinal = () => {
  const n = 1 + int(chance(0.9) ? 31 : 99);
  return chance(0.25) ? pick(ORDINAL_WORDS) : n + pick(['', '', 'st', 'nd', 'rd', 'th']);
};
const month = () => casing(chance(0.55) ? pick(MONTHS) : pick(MONTH_ABBR) + (chance(0.3) ? '.' : ''));
const weekday = () => casing(chance(0.5) ? pick(WEEKDAYS) : pick(WEEKDAY_ABBR) + (chance(0.2) ? '.' : ''));

/** one date-ish (or not) fragment */
function fragment(): string {
  switch (int(24)) {
    case 0: return `${month()}${pick([' ', '', '-', '/', ', ', '. '])}${ordinal()}${chance(0.5) ? pick([', ', ' ', '-', '/', '']) + year() : ''}`;
    case 1: return `${ordinal()}${pick([' ', '', '-', '/', ' of ', ' of the '])}${month()}${chance(0.5) ? pick([' ', ', ', '-', '']) + year() : ''}`;
    case 2: return `${num(40)}${month()}`; // "25may"
    case 3: return `${ordinal()}${month()}${chance(0.3) ? pick(['before', 'after', '']) : ''}`; // "3rdjune"
    case 4: return `${num(99)}${casing(pick(UNITS))}${pick(['', ' ', '  '])}${pick(RELATIVE)}`; // "33Monbefore"
    case 5: return `${pick([...NUMBER_WORDS, num(30)])}${pick([' ', '', '  '])}${casing(pick(UNITS))}${pick(['', ' ', ', ', ' and '])}${chance(0.5) ? pick(RELATIVE) : ''}`;
    case 6: return `${pick(MODIFIERS)} ${pick([...UNITS, ...WEEKDAYS, ...MONTHS, 'weekend'])}`;
    case 7: return `${pick(['', 'at ', 'from ', 'At ', 'by '])}${num(30)}${pick(['', ':' + pad2(int(70)), '.' + pad2(int(70)), '.' + int(10), ':' + pad2(int(60)) + ':' + pad2(int(60))])}${pick(['', ' ', ''])}${chance(0.5) ? pick(TIME_WORDS) : ''}`;
    case 8: return `${num(31)}${pick(['/', '.', '-'])}${num(31)}${chance(0.6) ? pick(['/', '.', '-']) + year() : ''}`;
    case 9: return `${1900 + int(200)}-${pad2(1 + int(13))}-${pad2(int(33))}${chance(0.3) ? `T${pad2(int(25))}:${pad2(int(61))}${pick(['', ':00', ':00.5', 'Z', '+05:30', '-0800'])}` : ''}`;
    case 10: return `${1900 + int(200)}${pick(['/', '.', ' ', '-'])}${chance(0.5) ? month() : num(13)}${pick(['/', '.', ' ', '-'])}${num(32)}`;
    case 11: return `${num(12)}/${1900 + int(200)}`;
    case 12: return `${year()}${pick([' ', '', ', ', '-', ' of '])}${month()}`;
    case 13: return casing(pick(CASUAL));
    case 14: return `${weekday()}${pick([', ', ' ', '', ' the ', ' at ', ' (', ') '])}${chance(0.5) ? fragment() : ''}`;
    case 15: return `${pick(['', 'on ', 'this ', 'last ', 'next ', 'past ', ', ', '('])}${weekday()}${pick(['', ' of next week', ' this week', ' last week', ')', ','])}`;
    case 16: return `${month()} ${num(31)}${pick(['-', ' - ', ' to ', '–'])}${num(31)}${chance(0.5) ? ', ' + year() : ''}`;
    case 17: return `${pick(['from ', 'between ', ''])}${month()}${pick([' to ', ' - ', ' until ', ' and ', ' through '])}${month()}`;
    case 18: return `${fragment()}${pick(CONNECT)}${fragment()}`;
    case 19: return `${fragment()} ${pick(TZ)}`;
    case 20: return `${pick(['+', '-', '+ ', '- '])}${num(12)}${pick(['', ' '])}${pick(UNITS)}`;
    case 21: return `${year()} ${pick(['BC', 'AD', 'BE', 'CE', 'BCE', 'bc', ''])}`;
    case 22: return `${month()}${pick(['', ' ', ', ', ' of '])}${year()}`;
    default: return pick(WORDS);
  }
}

const DUR_NUM = ['1', '14', '2', 'a', 'an', 'A', 'one', 'two', 'Three', 'ELEVEN', 'twenty', 'fifty', 'several', 'a few', 'few', 'many', 'some', 'a couple of', 'couple of', 'nineteen', 'seventeen'];
const DUR_UNIT = ['day', 'days', 'night', 'nights', 'week', 'weeks', 'month', 'months', 'year', 'years', 'decade', 'decades', 'hour', 'hours', 'minute', 'minutes', 'yr'];
const DUR_LEAD = ['for', 'in', 'over', 'during', 'within', 'throughout', 'for more than', 'for less than', 'for about', 'for nearly', 'for at least', 'for the past', 'for the last', 'for another', 'in the past', 'over the last', 'during the coming', 'within the next', 'in the following', 'since', 'by', 'after', 'of', 'the', 'and', 'mid', 'early', 'late', 'between', 'circa', ''];
const DUR_TAIL = ['later', 'after', 'afterwards', 'earlier', 'before', 'on', 'ago', 'of', 'old', 'long', 'from now', 'people', 'km', '%', ''];
const GLUE = ['', ' ', '  ', '-', '\u00a0', '\u2009', '\u3000', '\u2028', '\t', '_', 'x', 't', 'g', 's', 'T', 'S', '9', '.', "'"];
const ODD = ['\u212a', '\u017f', '\u0130', '\u0131', 'K', 'k', 'S', 's', 'I', 'i'];
const RULE_WORDS = ['yesterday', 'last night', 'tonight', 'today', 'this morning', 'this afternoon', 'this evening', 'earlier today', 'the day before yesterday',
  'spring', 'summer', 'autumn', 'fall', 'winter', 'Spring', 'Arab Spring', 'last year', 'this month', 'next week', 'earlier this year', 'late last month',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Mondays', 'birthday', 'holiday', 'midnight', 'overnight', 'weekday', 'weekend',
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'JAN', 'xJan', 'Mayor', 'OctoberFest'];
/** words with a non-ASCII letter in place of one whose case mapping it shares (K for k, ſ for s, İ/ı for i) */
const oddLetter = (w: string) => {
  const at = int(w.length + 1);
  return w.slice(0, at) + pick(ODD) + w.slice(at + (chance(0.5) ? 1 : 0));
};
/** the shapes findDates' own patterns and their pre-checks (expressions.ts) read */
function ruleFragment(): string {
  const word = () => { const w = casing(pick(RULE_WORDS)); return chance(0.1) ? oddLetter(w) : w; };
  switch (int(8)) {
    case 0: return `${pick(DUR_LEAD)}${pick(GLUE)}${pick(DUR_NUM)}${pick(GLUE)}${casing(pick(DUR_UNIT))}${pick(GLUE)}${pick(DUR_TAIL)}`;
    case 1: return `${casing(pick(DUR_LEAD))} ${pick(DUR_NUM)}${pick(['-', ' ', '\u00a0'])}${casing(pick(DUR_UNIT))}${pick(['-long', '-old', ' long', ' old', '', ' ago', ' earlier'])}`;
    case 2: return `${pick(GLUE)}${pick(['pastdays', 'lastyear', 'nextmonths', 'comingweeks', 'firstdays', 'followinghours', 'previousdays', 'yesterdays', 'Tuesdays', 'Wednesday', 'Thursday'])}${pick(GLUE)}`;
    case 3: return `${pick(DUR_LEAD)}${pick(GLUE)}${pick(['', 'early ', 'late ', 'mid-', 'mid '])}${pick(['18', '19', '20', '21', '17', '2', '1'])}${num(99)}${pick(['', ' people', ' troops', '%', ' km', 's'])}`;
    case 4: return `${pick(GLUE)}${word()}${pick(GLUE)}${word()}`;
    case 5: return oddLetter(`${pick(DUR_LEAD)} ${pick(DUR_NUM)} ${pick(DUR_UNIT)} ${pick(DUR_TAIL)}`);
    case 6: return `${num(99)}${pick(GLUE)}${casing(pick(DUR_UNIT))}${pick(GLUE)}${pick(['old', 'of', 'ago', 'later', 'on'])}`;
    default: return `${pick(['last', 'this', 'next', 'past', 'previous', 'in', 'during', 'since', 'by', 'in the', 'in the early', 'the', 'a'])}${pick(GLUE)}${word()}${chance(0.3) ? pick([' of ', ' ', '']) + year() : ''}`;
  }
}

/** times, weekdays, numbers and words only (no month name): the texts where skip 2 applies, or nearly */
function timeFragment(): string {
  switch (int(10)) {
    case 0: return `${pick(['', 'at ', 'from ', 'At ', 'by ', 'around '])}${num(30)}${pick(['', ':' + pad2(int(70)), '.' + pad2(int(70)), '.' + int(10), ':' + pad2(int(60)) + ':' + pad2(int(60))])}${pick(['', ' ', ''])}${chance(0.6) ? pick(TIME_WORDS) : ''}`;
    case 1: return weekday();
    case 2: return `${pick(['', 'on ', 'this ', 'last ', 'next ', 'past ', ', ', '(', 'On'])}${weekday()}${pick(['', ' of next week', ' this week', ' last week', ')', ',', 's', "'s"])}`;
    case 3: return casing(pick(CASUAL));
    case 4: return pick(TZ);
    case 5: return `${num(2100)}${pick(['', ' ', '%', ' people', ' km', '-' + num(99), '.' + num(99), ',' + num(999)])}`;
    case 6: return `${timeFragment()}${pick(CONNECT)}${timeFragment()}`;
    case 7: return `${pick(['', '+', '-', '~'])}${num(99)}${pick(['', ' '])}${pick(['', ...UNITS.slice(0, 14)])}`;
    default: return pick(WORDS.filter((w) => !/jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i.test(w)));
  }
}

function join(n: number, piece: () => string): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const sep = i === 0 ? '' : chance(0.08) ? '' : chance(0.2) ? pick(PUNCT) + (chance(0.5) ? ' ' : '') : ' ';
    s += sep + piece();
  }
  if (chance(0.5)) s += pick(['.', '', '!', ',', ' ']);
  return s;
}

/** a sentence of the corpus with fragments put in at word boundaries (or inside words) */
function insertInto(sentence: string): string {
  let s = sentence;
  for (let k = 1 + int(3); k > 0; k--) {
    const spaces = [...s.matchAll(/\s/g)].map((m) => m.index ?? 0);
    const at = spaces.length && chance(0.85) ? pick(spaces) : int(s.length + 1);
    const f = chance(0.4) ? fragment() : chance(0.6) ? timeFragment() : ruleFragment();
    s = s.slice(0, at) + (chance(0.9) ? ' ' : '') + f + (chance(0.9) ? ' ' : '') + s.slice(at);
  }
  return s;
}

function generate(sentences: readonly string[]): string {
  const r = rand();
  if (r < 0.4) return join(1 + int(chance(0.3) ? 4 : 14), () => (chance(0.45) ? pick(WORDS) : fragment()));
  if (r < 0.6) return join(1 + int(12), timeFragment);
  if (r < 0.8) return join(1 + int(10), () => (chance(0.3) ? pick(WORDS) : chance(0.7) ? ruleFragment() : fragment()));
  return insertInto(pick(sentences));
}

const PUBS = ['2024-03-16', '2020-01-01', '1995-06-30', '2011-12-31', '2016-02-29', '2019-07-04', '2023-10-29'];
const randomPub = () => `${1990 + int(40)}-${pad2(1 + int(12))}-${pad2(1 + int(28))}`;

// ---------------------------------------------------------------- checks
const casual = chrono.casual;
const gated = gatedChrono(casual);
if (gated === casual || !probeApplies(casual)) {
  console.error('dates-equiv: the probe does not apply to this chrono-node (version or configuration): nothing to compare');
  process.exit(1);
}
/** the time and weekday parsers alone, with every refiner: the premise of skip 2 */
const timeOnlyChrono = new chrono.Chrono({ parsers: casual.parsers.filter((p) => TIME_ONLY.has(p.constructor.name)), refiners: [...casual.refiners] });

// the parsers' patterns, as chrono builds them for this option (a context taken from a parse call)
const OPTION = { forwardDate: false };
let patterns: { name: string; re: RegExp; pre: RegExp }[] = [];
new chrono.Chrono({
  parsers: [{
    pattern(ctx) {
      patterns = [PRECHECKS, SHAPE_PRECHECKS].flatMap((checks) => casual.parsers.filter((p) => p.constructor.name in checks).map((p) => ({ name: p.constructor.name, re: p.pattern(ctx), pre: checks[p.constructor.name] })));
      return /(?!)/y;
    },
    extract: () => null,
  }],
  refiners: [],
}).parse('x', new Date(), OPTION);

const COMPONENTS = ['year', 'month', 'day', 'weekday', 'hour', 'minute', 'second', 'millisecond', 'meridiem', 'timezoneOffset'] as const;
type Components = chrono.ParsedResult['start'];
const comps = (c: Components | undefined | null) =>
  c ? [COMPONENTS.map((k) => [k, c.isCertain(k), c.get(k)]), [...c.tags()].sort()] : null;
const reading = (r: chrono.ParsedResult) => [r.index, r.text, comps(r.start), comps(r.end)];
const certainDate = (r: chrono.ParsedResult) => r.start.isCertain('day') || r.start.isCertain('month') || r.start.isCertain('year');

const counts = { scanMisses: 0, texts: 0, calls: 0, findDatesDiff: 0, otherDiff: 0, chronoSame: 0, chronoSkipped: 0, chronoDiff: 0, timeOnlyReadings: 0, timeOnlyCertain: 0, precheckMisses: 0, withDates: 0 };
const shown: string[] = [];
const report = (what: string, text: string, pub: string, detail = '') => {
  if (shown.length < 20) shown.push(`${what} [${pub}] ${JSON.stringify(text)}${detail ? ` ${detail}` : ''}`);
};

let lastScanned = '';
const distinctChecks = [...new Set(Object.values(PRECHECKS))];
const presentChecks = precheckScanner(distinctChecks);
function check(text: string, pub: string): void {
  counts.calls++;
  // 1. the output
  const a = findDatesUsing(casual, text, pub);
  const b = findDates(text, pub);
  if (!isDeepStrictEqual(a, b)) { counts.findDatesDiff++; report('findDates differs', text, pub, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`); }
  if (!isDeepStrictEqual(datesIn(text, pub), b.dates)) { counts.findDatesDiff++; report('datesIn differs from findDates', text, pub); }
  if (a.dates.length) counts.withDates++;
  if (other && !isDeepStrictEqual(other(text, pub), b)) { counts.otherDiff++; report('findDates differs from the other build', text, pub); }
  // 2. the readings (on every text: findDates calls chrono only on some)
  const [y, m, d] = pub.split('-').map(Number);
  const ref = new Date(y, m - 1, d, 12);
  const full = casual.parse(text, ref, OPTION);
  const fast = gated.parse(text, ref, OPTION);
  if (isDeepStrictEqual(full.map(reading), fast.map(reading))) counts.chronoSame++;
  else if (fast.length === 0 && !full.some(certainDate)) counts.chronoSkipped++;
  else { counts.chronoDiff++; report('chrono readings differ', text, pub); }
  // 3. the premise of skip 2
  for (const r of timeOnlyChrono.parse(text, ref, OPTION)) {
    counts.timeOnlyReadings++;
    if (certainDate(r)) { counts.timeOnlyCertain++; report('time/weekday reading with a certain date', text, pub, r.text); }
  }
  // 4. the prechecks
  for (const p of patterns) {
    if (!p.pre.test(text) && p.re.test(text)) { counts.precheckMisses++; report(`precheck of ${p.name} misses a match`, text, pub); }
  }
  // 5. the pre-checks of findDates' own patterns (independent of the publication date: once a text)
  if (text === lastScanned) return;
  lastScanned = text;
  const bits = presentChecks(text);
  distinctChecks.forEach((re, k) => {
    if (re.test(text) !== ((bits & (1 << k)) !== 0)) { counts.scanMisses++; report(`one-pass precheck ${re} differs from its test`, text, pub); }
  });
  const flags = scan(text);
  for (const p of PRECHECKED) {
    p.re.lastIndex = 0;
    const matched = p.re.test(text);
    p.re.lastIndex = 0;
    const has = (flags & p.needs) === p.needs;
    if ((matched && !has) || (p.exact && has && !matched)) { counts.scanMisses++; report(`pre-check of ${p.name} ${matched ? 'misses a match' : 'is not exact'}`, text, pub); }
  }
}

const t0 = performance.now();
// the bench corpus, split into sentences as the pipeline does
const corpus: { text: string; date: string }[] = [];
for (const d of loadCorpus().docs) {
  const doc = codeDoc(d.text, { date: d.date });
  for (const s of doc.sentences) corpus.push({ text: doc.text.slice(s.start, s.end), date: d.date });
}
// generated texts
const sentences = corpus.map((c) => c.text);
for (let i = 0; i < COUNT; i++) {
  const text = generate(sentences);
  counts.texts++;
  check(text, chance(0.5) ? pick(PUBS) : randomPub());
}
const generated = counts.texts;
// every sentence of the bench corpus, with its own publication date and two others
for (const c of corpus) {
  counts.texts++;
  for (const pub of [c.date, '2024-03-16', '1995-06-30']) check(c.text, pub);
}
const corpusSentences = counts.texts - generated;
// the case tables (whole texts and their sentences) and the date tables
const tables: { text: string; date: string }[] = [];
for (const f of caseFiles(path.join(ROOT, 'test', 'cases'))) for (const r of readCaseTable(f)) tables.push({ text: r.text, date: r.date });
for (const f of ['expressions.tsv', 'events.tsv']) for (const r of readTable(path.join(ROOT, 'test', 'dates', f))) tables.push({ text: r.text, date: r.date });
for (const r of tables) {
  const doc = codeDoc(r.text, { date: r.date });
  const texts = [r.text, ...doc.sentences.map((s) => doc.text.slice(s.start, s.end))];
  for (const text of texts) {
    counts.texts++;
    for (const pub of [r.date, '2020-01-01']) check(text, pub);
  }
}
const tableTexts = counts.texts - generated - corpusSentences;

console.log(`dates-equiv: ${counts.texts.toLocaleString('en-US')} texts (${generated.toLocaleString('en-US')} generated, seed ${SEED}; ${corpusSentences.toLocaleString('en-US')} bench-corpus sentences; ${tableTexts.toLocaleString('en-US')} case/date-table texts and sentences), ${counts.calls.toLocaleString('en-US')} (text, publication date) pairs, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
console.log(`  1. findDates differences: ${counts.findDatesDiff} (${counts.withDates.toLocaleString('en-US')} pairs with at least one date)${other ? `; from ${process.argv[4]}: ${counts.otherDiff}` : ''}`);
console.log(`  2. chrono readings: ${counts.chronoSame.toLocaleString('en-US')} identical, ${counts.chronoSkipped.toLocaleString('en-US')} skipped (times/weekdays only), ${counts.chronoDiff} otherwise different`);
console.log(`  3. time/weekday-only readings: ${counts.timeOnlyReadings.toLocaleString('en-US')}, with a certain day/month/year: ${counts.timeOnlyCertain}`);
console.log(`  4. precheck misses: ${counts.precheckMisses} (${patterns.length} prechecked parsers)`);
console.log(`  5. findDates pre-check misses: ${counts.scanMisses} (${PRECHECKED.length} pre-checked patterns)`);
for (const s of shown) console.log(`  ${s}`);
const bad = counts.scanMisses + counts.findDatesDiff + counts.otherDiff + counts.chronoDiff + counts.timeOnlyCertain + counts.precheckMisses;
console.log(bad ? `dates-equiv: ${bad} DIFFERENCES` : 'dates-equiv: no differences');
process.exit(bad ? 1 : 0);
