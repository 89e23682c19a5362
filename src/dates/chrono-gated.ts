/**
 * chrono.casual for `chronoDates` (expressions.ts), made cheaper without changing what `chronoDates` keeps.
 *
 * `chronoDates` keeps only readings whose start has a *certain* day, month or year. chrono.casual runs 18
 * parsers over every text, then 16 refiners; half of the texts that reach it (94 of 189 on the bench
 * corpus) hold nothing that any parser but those of times and weekdays matches, and every reading of those
 * is thrown away. The instance built here has the same parser and refiner objects, in the same order, behind
 * a probe (a first parser that returns nothing) which decides, for each text, which parsers to leave out:
 *
 * 1. A parser that would find no match in the whole text is left out: its pattern becomes one that fails at
 *    once. Exact: `Chrono.executeParser` starts with `pattern.exec(text)` on the whole text and returns []
 *    when that is null (its later calls, on suffixes of the text, only follow a first match). Parsers are
 *    independent: each reads the context only (they cache their own patterns, nothing else), so one that
 *    returns [] can be left out. "Would find no match": its pattern tested on the text, or a precheck, a
 *    necessary condition that is cheaper to test (PRECHECKS, SHAPE_PRECHECKS). A global or sticky pattern is always run.
 *
 * 2. The three parsers of times and weekdays (TIME_ONLY) are not run when no other parser's pattern matches.
 *    The full parse would then have started from their readings alone, and none of those can end up with a
 *    certain day, month or year (chrono-node 2.10.3, node_modules/chrono-node/src):
 *    - ENTimeExpressionParser assigns hour, minute, second, millisecond, meridiem (the end of a range: the
 *      same, and `addDurationAsImplied`, which only implies); ENCasualTimeParser (morning, noon, midnight..,
 *      common/casualReferences.ts) assigns the hour at most; ENWeekdayParser (calculation/weekdays.ts)
 *      implies the date and assigns the weekday. `new ParsingComponents(ref)` only implies.
 *    - The refiners, in order, over readings without a certain day/month/year:
 *      ENEndOfPeriodRefiner assigns a date only to a reading whose text is "this|last|past|next" +
 *      "week|month|year" or that has a certain month (these texts start with a digit, "at", "from", ",",
 *      "(", "on", "this|last|past|next" + weekday, a weekday or a time word, and end in a digit, am/pm,
 *      "clock", a time word, a weekday, ",", ")" or "week" after a weekday: never that text);
 *      ENMergeRelativeAfterDateRefiner needs a reading text that starts with + or - (none);
 *      ENMergeRelativeFollowByDateRefiner needs one that ends in before/from/after/since (none);
 *      MergeWeekdayComponentRefiner needs a certain day; ENMergeDateTimeRefiner (mergeDateTimeComponent)
 *      clones the date side and assigns time fields and timezoneOffset only; the two timezone refiners
 *      assign timezoneOffset; ForwardDateRefiner does nothing without forwardDate (and only implies with
 *      it); ENExtractYearSuffixRefiner needs a certain month; ENMergeDateRangeRefiner implies only, and the
 *      start of its reading is one of the two starts; OverlapRemovalRefiner and the filters only drop.
 *    So `chronoDates` drops them all (its first test): skipping those parsers changes nothing it returns.
 *    Where chrono.casual returns such readings this instance returns [] instead: use it only where readings
 *    without a certain day, month or year are discarded.
 *
 * The probe tests the patterns of the parsers other than TIME_ONLY in chrono's order until one matches;
 * after that first match it only applies prechecks (a pattern test would repeat the first scan of a parser
 * that is then run anyway), and it runs TIME_ONLY if some pattern matched and their prechecks allow.
 *
 * The argument of 2. and the prechecks were made for chrono-node 2.10.3: with another version, or another
 * list of parsers or refiners, this is chrono.casual itself. scripts/dates-equiv.ts checks the argument
 * (times and weekdays alone through every refiner: no certain day, month or year) and compares findDates
 * with chrono.casual and with this instance over generated texts and the bench corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node/en';

type Parser = chrono.Parser;
type Context = Parameters<Parser['pattern']>[0];

/** the chrono-node release the argument above was checked against */
export const CHECKED_CHRONO_VERSION = '2.10.3';

/** parsers whose readings never carry a certain day, month or year, alone or merged among themselves */
export const TIME_ONLY: ReadonlySet<string> = new Set(['ENWeekdayParser', 'ENTimeExpressionParser', 'ENCasualTimeParser']);

/**
 * Necessary conditions, cheaper than the pattern: every match of the parser's pattern contains one of these
 * (case-insensitive, as the patterns are; without the u flag no non-ASCII letter matches an ASCII one).
 * - the month-name parsers: every key of MONTH_DICTIONARY (january, jan, jan., ..., sept., dec.) contains
 *   one of the twelve three-letter stems, and each of these patterns requires one of those keys;
 * - ENTimeUnitAgoFormatParser: `...\s{0,5}(?:ago|before|earlier)`;
 * - ENTimeUnitLaterFormatParser: `...\s{0,5}(?:later|after|from now|henceforth|forward|out)`;
 * - ENRelativeDateFormatParser: `(this|last|past|next|after\s*this)\s*...` ("after\s*this" has "this");
 * - ENTimeUnitCasualRelativeFormatParser: `(this|last|past|next|after|\+|-)\s*...`;
 * - ENEndOfCurrentMonthParser: `(?:last\s+day|end)\s+of\s+(?:the\s+)?month(?=\W|$)`;
 * - ENWeekdayParser: a key of WEEKDAY_DICTIONARY (sunday, sun, sun., ..., thurs., sat.) or weekend|weekday:
 *   each contains sun|mon|tue|wed|thu|fri|sat|week;
 * - ENCasualTimeParser: `(morning|afternoon|evening|night|midnight|midday|noon)` ("midnight" has "night");
 * - ENCasualDateParser: `(now|today|tonight|tomorrow|overmorrow|tmr|tmrw|yesterday|last\s*night)` ("tmrw" has
 *   "tmr", "last\s*night" "night").
 */
const MONTH_STEM = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
export const PRECHECKS: Readonly<Record<string, RegExp>> = {
  ENMonthNameLittleEndianParser: MONTH_STEM,
  ENMonthNameMiddleEndianParser: MONTH_STEM,
  ENYearMonthNameParser: MONTH_STEM,
  ENMonthNameParser: MONTH_STEM,
  ENTimeUnitAgoFormatParser: /ago|before|earlier/i,
  ENTimeUnitLaterFormatParser: /later|after|from now|henceforth|forward|out/i,
  ENRelativeDateFormatParser: /this|last|past|next/i,
  ENTimeUnitCasualRelativeFormatParser: /this|last|past|next|after|\+|-/i,
  ENEndOfCurrentMonthParser: /month/i,
  ENWeekdayParser: /sun|mon|tue|wed|thu|fri|sat|week/i,
  ENCasualTimeParser: /morning|afternoon|evening|night|midday|noon/i,
  ENCasualDateParser: /now|today|tonight|tomorrow|overmorrow|tmr|yesterday|night/i,
};

/**
 * Necessary conditions on digits and separators (tested as they are; [0-9], \s and punctuation read the same
 * with or without the i flag): every match of the parser's pattern contains one.
 * - ENYearMonthDayParser: `([0-9]{4})[-\.\/\s]...`;
 * - ISOFormatParser: `([0-9]{4})\-([0-9]{1,2})...`;
 * - SlashDateFormatParser: `([0-3]{0,1}[0-9]{1})[\/\.\-]([0-3]{0,1}[0-9]{1})...` (both numbers end and start with
 *   a digit);
 * - ENSlashMonthFormatParser: `([0-9]|0[1-9]|1[012])/([0-9]{4})`;
 * - ENTimeExpressionParser: `...(\d{1,4})...` (a text with a month name and no digit reaches chrono too).
 * The first four are tested on every text that reaches chrono (the probe tests patterns in chrono's order, and
 * these come first or have no word to look for).
 */
export const SHAPE_PRECHECKS: Readonly<Record<string, RegExp>> = {
  ENYearMonthDayParser: /[0-9]{4}[-.\/\s]/,
  ISOFormatParser: /[0-9]{4}-[0-9]/,
  SlashDateFormatParser: /[0-9][/.-][0-9]/,
  ENSlashMonthFormatParser: /[0-9]\/[0-9]{4}/,
  ENTimeExpressionParser: /[0-9]/,
};

/**
 * The distinct PRECHECKS, all tested in one pass over the text: bit k of `present(text)` is
 * `checks[k].test(text)`. Each check is an alternation of literal words (lower-case letters, spaces, "+" "-")
 * under the i flag without u: a letter matches only itself in either ASCII case (non-u Canonicalize never
 * maps a code unit >= 128 to one < 128), any other character only itself. scripts/dates-equiv.ts compares
 * the bits with the regexes' tests.
 */
export function precheckScanner(checks: readonly RegExp[]): (text: string) => number {
  /** the words of each check: its source split at "|", "\\+" read as "+" */
  const words: { word: string; bit: number }[] = [];
  checks.forEach((re, k) => {
    if (!re.ignoreCase || re.unicode || re.global || re.sticky) throw new Error(`precheck ${re}: not /i`);
    for (const alt of re.source.split('|')) {
      const word = alt.replace(/^\\\+$/, '+');
      if (!/^(?:[a-z ]{3,}|[+-])$/.test(word)) throw new Error(`precheck ${re}: not a list of literal words`);
      words.push({ word, bit: 1 << k });
    }
  });
  // candidates by the first three characters (lower-cased letters a-z or a space): index into `lists`, 0 none
  const code = (c: number) => (c === 32 ? 26 : c - 97);
  const first3 = new Uint16Array(27 * 27 * 27);
  const lists: { word: string; bit: number }[][] = [[]];
  for (const w of words) {
    if (w.word.length < 3) continue;
    const at = code(w.word.charCodeAt(0)) * 729 + code(w.word.charCodeAt(1)) * 27 + code(w.word.charCodeAt(2));
    if (!first3[at]) { first3[at] = lists.length; lists.push([]); }
    lists[first3[at]].push(w);
  }
  const plus = words.filter((w) => w.word === '+').reduce((b, w) => b | w.bit, 0);
  const minus = words.filter((w) => w.word === '-').reduce((b, w) => b | w.bit, 0);
  /** 0-25 for an ASCII letter (either case), 26 for a space, -1 otherwise */
  const key = (c: number) => { const l = c | 32; return l >= 97 && l <= 122 ? l - 97 : c === 32 ? 26 : -1; };
  /** does `word` occur at i (letters in either ASCII case, other characters exactly)? */
  const at = (text: string, i: number, word: string) => {
    for (let k = 0; k < word.length; k++) {
      const w = word.charCodeAt(k);
      const t = text.charCodeAt(i + k);
      if (t !== w && !(w >= 97 && w <= 122 && (t | 32) === w)) return false;
    }
    return true;
  };
  return (text: string): number => {
    let f = 0;
    let k1 = -1; // key of the character at i + 1
    let k2 = -1; // and at i + 2
    const n = text.length;
    if (n > 0) k1 = key(text.charCodeAt(0));
    if (n > 1) k2 = key(text.charCodeAt(1));
    for (let i = 0; i < n; i++) {
      const k0 = k1;
      k1 = k2;
      k2 = i + 2 < n ? key(text.charCodeAt(i + 2)) : -1;
      if (k0 < 0) {
        const c = text.charCodeAt(i);
        if (c === 43) f |= plus;
        else if (c === 45) f |= minus;
        continue;
      }
      if (k1 < 0 || k2 < 0) continue;
      const list = first3[k0 * 729 + k1 * 27 + k2];
      if (list) for (const w of lists[list]) if (!(f & w.bit) && at(text, i, w.word)) f |= w.bit;
    }
    return f;
  };
}

/** chrono.casual of chrono-node 2.10.3 */
const CHECKED_PARSERS = [
  'ENYearMonthDayParser', 'ISOFormatParser', 'SlashDateFormatParser', 'ENTimeUnitWithinFormatParser',
  'ENMonthNameLittleEndianParser', 'ENMonthNameMiddleEndianParser', 'ENWeekdayParser', 'ENSlashMonthFormatParser',
  'ENTimeExpressionParser', 'ENTimeUnitAgoFormatParser', 'ENTimeUnitLaterFormatParser', 'ENYearMonthNameParser',
  'ENCasualDateParser', 'ENCasualTimeParser', 'ENEndOfCurrentMonthParser', 'ENMonthNameParser',
  'ENRelativeDateFormatParser', 'ENTimeUnitCasualRelativeFormatParser',
];
const CHECKED_REFINERS = [
  'ENEndOfPeriodRefiner', 'OverlapRemovalRefiner', 'ENMergeRelativeAfterDateRefiner',
  'ENMergeRelativeFollowByDateRefiner', 'OverlapRemovalRefiner', 'ExtractTimezoneOffsetRefiner',
  'MergeWeekdayComponentRefiner', 'ENMergeDateTimeRefiner', 'ExtractTimezoneAbbrRefiner', 'OverlapRemovalRefiner',
  'ForwardDateRefiner', 'UnlikelyFormatFilter', 'ENMergeDateTimeRefiner', 'ENExtractYearSuffixRefiner',
  'ENMergeDateRangeRefiner', 'ENUnlikelyFormatFilter',
];

/**
 * The installed chrono-node's version, or null if its package.json cannot be found: looked up as Node finds
 * the package from this file, in node_modules/chrono-node of this directory or the nearest parent that has
 * one (require.resolve would do the same at ten times the cost, ~2 ms of cold start).
 */
export function chronoVersion(): string | null {
  try {
    for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
      const file = path.join(dir, 'node_modules', 'chrono-node', 'package.json');
      if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? null;
      if (path.dirname(dir) === dir) return null;
    }
  } catch {
    return null; // not a file URL (bundled?), unreadable: unknown
  }
}

const names = (list: readonly object[]) => list.map((o) => o.constructor.name);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Does the probe apply to this instance (the configuration and release it was checked against)? */
export function probeApplies(base: chrono.Chrono, version: string | null = chronoVersion()): boolean {
  return version === CHECKED_CHRONO_VERSION && same(names(base.parsers), CHECKED_PARSERS) && same(names(base.refiners), CHECKED_REFINERS);
}

/**
 * chrono.casual (the same parser and refiner objects, in order) behind the probe; `base` itself when the
 * probe does not apply to it.
 */
export function gatedChrono(base: chrono.Chrono = chrono.casual): chrono.Chrono {
  if (!probeApplies(base)) return base;
  const parsers = base.parsers;
  const timeOnly = parsers.map((p) => TIME_ONLY.has(p.constructor.name));
  // the distinct prechecks (MONTH_STEM serves four parsers: tested once a text), and each parser's, or -1
  const checks = [...new Set(Object.values(PRECHECKS))];
  const checkOf = parsers.map((p) => (p.constructor.name in PRECHECKS ? checks.indexOf(PRECHECKS[p.constructor.name]) : -1));
  const shapeOf = parsers.map((p) => SHAPE_PRECHECKS[p.constructor.name] ?? null);
  /** the checks found in the current text (bit k: checks[k]) */
  const present = precheckScanner(checks);
  let found = 0;
  // fails at once: sticky, so exec tries position 0 only, and leaves lastIndex at 0
  const NEVER = /(?!)/y;

  // set by the probe, the first parser, for the parse call of `current`
  let current: Context | null = null;
  /** parser i found no match in the text: not run */
  const skip: boolean[] = parsers.map(() => false);

  const probe: Parser = {
    pattern(ctx) {
      current = ctx;
      const text = ctx.text;
      found = present(text);
      const absent = (i: number) => (checkOf[i] >= 0 && (found & (1 << checkOf[i])) === 0) || (shapeOf[i] !== null && !shapeOf[i]!.test(text));
      let matched = false; // has a parser other than TIME_ONLY a match?
      for (let i = 0; i < parsers.length; i++) {
        skip[i] = false;
        if (timeOnly[i]) continue;
        if (absent(i)) skip[i] = true;
        else if (!matched) {
          // until the first match, test the pattern (once one matches, the others are run without a test:
          // a test would only repeat their first scan)
          const re = parsers[i].pattern(ctx);
          if (re.global || re.sticky || re.test(text)) matched = true;
          else skip[i] = true;
        }
      }
      // the times and weekdays: only with another parser's match (skip 2), and then with their prechecks
      for (let i = 0; i < parsers.length; i++) if (timeOnly[i]) skip[i] = !matched || absent(i);
      return NEVER;
    },
    extract: () => null,
  };

  const gated = parsers.map((p, i): Parser => ({
    pattern(ctx) {
      if (ctx === current && skip[i]) return NEVER;
      return p.pattern(ctx);
    },
    extract: (ctx, match) => p.extract(ctx, match),
  }));

  return new chrono.Chrono({ parsers: [probe, ...gated], refiners: [...base.refiners] });
}
