import { DyadError } from '../core/errors.js';
import type { ActorEntry, DatedCode } from '../actors/model.js';
import { petrLines, petrDate, petrPhrase, shiftDate } from './petr-lines.js';

export interface ActorImport {
  entries: ActorEntry[];
  warnings: string[];
  counts: { entries: number; names: number; codes: number; dated: number; noCode: number; badDates: number };
}

/** the roots that are not countries: international and non-state actor codes */
const NON_STATE_ROOTS = /^(IGO|NGO|NGM|IMG|MNC|INT|UAF)/;

interface Pending {
  names: string[];
  codes: DatedCode[];
  line: number;
  comment: string;
}

/**
 * Parse a PETRARCH/TABARI actor dictionary (Phoenix.*.actors.txt, PETR.Validate.actors.txt):
 * a primary phrase with an optional `[CODE]`, `+synonym` lines, and indented date restrictions
 * `[CODE <YYMMDD]` (before), `[CODE >YYMMDD]` (from), `[CODE A-B]` (between, inclusive), `[CODE]` (default).
 * `<D` ends the day before D; `>D` starts on D. Invalid dates are warnings (the code is dropped), not errors.
 */
export function parsePetrActors(text: string, file: string, idPrefix = 'petr'): ActorImport {
  const warnings: string[] = [];
  const counts = { entries: 0, names: 0, codes: 0, dated: 0, noCode: 0, badDates: 0 };
  const entries: ActorEntry[] = [];
  let cur: Pending | null = null;
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const flush = () => {
    if (!cur) return;
    const names = [...new Set(cur.names.filter(Boolean))];
    if (!names.length) { cur = null; return; }
    if (!cur.codes.length) { counts.noCode++; warnings.push(`${file}:${cur.line}: '${names[0]}' has no code; kept as a known name without a code`); }
    entries.push({
      id: `${idPrefix}:${file.replace(/^.*[\\/]/, '')}:${cur.line}`,
      kind: kindOf(cur),
      names,
      codes: cur.codes,
      label: names[0],
      origin: `${file}:${cur.line}`,
      casing: 'upper',
    });
    counts.entries++;
    counts.names += names.length;
    cur = null;
  };
  for (const l of petrLines(text, file)) {
    const where = `${file}:${l.line}`;
    const t = l.text.trim();
    if (t.startsWith('[')) {
      if (!cur) throw new DyadError('E_DICT_SYNTAX', `code '${t}' comes before any actor phrase`, where);
      addCode(cur, t, where);
      continue;
    }
    if (t.startsWith('+')) {
      if (!cur) throw new DyadError('E_DICT_SYNTAX', `synonym '${t}' comes before any actor phrase`, where);
      const { phrase, code } = splitCode(t.slice(1), where);
      cur.names.push(petrPhrase(phrase));
      if (code) addCode(cur, code, where);
      continue;
    }
    flush();
    const { phrase, code } = splitCode(t, where);
    const raw = rawLines[l.line - 1];
    cur = { names: [petrPhrase(phrase)], codes: [], line: l.line, comment: raw.includes('#') ? raw.slice(raw.indexOf('#')) : '' };
    if (code) addCode(cur, code, where);
  }
  flush();

  function addCode(p: Pending, block: string, where: string): void {
    const m = /^\[([^\]]*)\]$/.exec(block.trim());
    if (!m) throw new DyadError('E_DICT_SYNTAX', `expected a code block '[CODE]' or '[CODE <date]', got '${block.trim()}'`, where);
    const parts = m[1].trim().split(/\s+/);
    const code = parts[0];
    if (!code) { warnings.push(`${where}: empty code block '[]' ignored`); return; }
    const range = parts.slice(1).join('');
    const dc: DatedCode = { code, from: null, to: null };
    if (range) {
      let ok = true;
      if (range.startsWith('<')) {
        const d = petrDate(range.slice(1));
        if (d) dc.to = shiftDate(d, -1); else ok = false;
      } else if (range.startsWith('>')) {
        const d = petrDate(range.slice(1));
        if (d) dc.from = d; else ok = false;
      } else {
        const [a, b, extra] = range.split('-');
        const da = a ? petrDate(a) : null;
        const db = b ? petrDate(b) : null;
        if (!da || !db || extra !== undefined) ok = false;
        else if (da > db) { warnings.push(`${where}: interval ${a}-${b} ends before it starts; read as ${b}-${a}`); dc.from = db; dc.to = da; }
        else { dc.from = da; dc.to = db; }
      }
      if (!ok) {
        counts.badDates++;
        warnings.push(`${where}: '${range}' is not a date restriction (<YYMMDD, >YYMMDD or YYMMDD-YYMMDD); code ${code} dropped`);
        return;
      }
      counts.dated++;
    }
    counts.codes++;
    p.codes.push(dc);
  }
  return { entries, warnings, counts };
}

/** "KHALIFA_HAFTAR [LBYREB]" → phrase and code block */
function splitCode(t: string, where: string): { phrase: string; code: string | null } {
  const open = t.indexOf('[');
  if (open < 0) return { phrase: t.trim(), code: null };
  const close = t.indexOf(']', open);
  if (close < 0) throw new DyadError('E_DICT_SYNTAX', `code block '${t.slice(open)}' has no closing ']'`, where);
  return { phrase: t.slice(0, open).trim(), code: t.slice(open, close + 1) };
}

/**
 * PETRARCH files do not say what an entry is. Dated codes mean a person (leaders in CountryInfo), a bare
 * 3-letter code a country (or a place standing for it), IGO/NGO roots an organisation, the rest a group.
 */
function kindOf(p: Pending): ActorEntry['kind'] {
  const codes = p.codes;
  if (!codes.length) return 'group';
  if (codes.some((c) => c.from || c.to) || /CountryInfo/i.test(p.comment)) return 'person';
  if (codes.every((c) => /^(IGO|NGO)/.test(c.code))) return 'igo';
  if (codes.every((c) => /^[A-Za-z]{3}$/.test(c.code) && !NON_STATE_ROOTS.test(c.code))) return 'country';
  return 'group';
}
