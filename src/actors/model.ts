import type { ActorKind } from '../core/doc.js';

/** A code valid over an optional closed interval of ISO dates (either end open when null). */
export interface DatedCode {
  code: string;
  from: string | null;
  to: string | null;
  /** the office this code stands for ("hos", "hog", "fm", "dm", ...; see docs/dictionaries.md) */
  role?: string;
  /** the dates are approximate (the interval is kept inside the true term) */
  approx?: boolean;
}

/** One dictionary entry: a country, IGO, group or person, with its names and dated codes. */
export interface ActorEntry {
  /** stable id, e.g. "country:TUR" or "person:khalifa-haftar" */
  id: string;
  kind: ActorKind;
  names: string[];
  /** codes with validity intervals; an undated code is the default */
  codes: DatedCode[];
  /** display name (a person's or group's) */
  label: string;
  /** where the entry came from: "data/actors/people.tsv:12" */
  origin: string;
  /** country entries: adjectives and demonyms ("Turkish", "Turks") */
  demonyms?: string[];
  /** country entries: capitals and other metonyms for the government ("Ankara") */
  capitals?: string[];
  /**
   * how names must be capitalised (default: from the name's own spelling). 'upper': names written in upper
   * case (PETRARCH files): words of up to 3 letters must be upper case in the text (UN, US), others capitalised.
   */
  casing?: 'exact' | 'cap' | 'any' | 'upper';
}

/**
 * The code an entry has on a date: the dated code whose interval holds the date wins over an undated one;
 * among dated matches the narrowest interval wins. Returns null when only dated codes exist and none holds.
 */
export function codeOn(entry: ActorEntry, date: string): DatedCode | null {
  let best: DatedCode | null = null;
  let bestWidth = 0; // width(best), parsed once it is first compared (Date.parse is the costly part here)
  let bestWidthKnown = false;
  let fallback: DatedCode | null = null;
  for (const c of entry.codes) {
    if (c.from === null && c.to === null) {
      if (!fallback) fallback = c;
      continue;
    }
    if ((c.from === null || date >= c.from) && (c.to === null || date <= c.to)) {
      if (!best) { best = c; bestWidthKnown = false; continue; }
      if (!bestWidthKnown) { bestWidth = width(best); bestWidthKnown = true; }
      const w = width(c);
      if (w < bestWidth) { best = c; bestWidth = w; }
    }
  }
  return best ?? fallback;
}

function width(c: DatedCode): number {
  const a = c.from ? Date.parse(c.from) : -8.64e15;
  const b = c.to ? Date.parse(c.to) : 8.64e15;
  return b - a;
}

/** Split a CAMEO actor code into country (3 letters, or IGO/NGO...) and sector (the rest, first 3 letters). */
export function splitCode(code: string): { country: string | null; sector: string | null } {
  if (!code || code.length < 3) return { country: null, sector: null };
  const head = code.slice(0, 3);
  const rest = code.slice(3);
  if (head === '---') return { country: null, sector: rest ? rest.slice(0, 3) : null };
  if (['IGO', 'NGO', 'MNC', 'IMG'].includes(head)) return { country: null, sector: head };
  return { country: head, sector: rest ? rest.slice(0, 3) : null };
}

/** Parse "TURGOV@2018-07-10..2023-06-03" or "LBYMIL" into a DatedCode. */
export function parseDatedCode(s: string): DatedCode {
  const [code, range] = s.trim().split('@');
  if (!range) return { code: code.trim(), from: null, to: null };
  const [from, to] = range.split('..');
  return { code: code.trim(), from: from ? from.trim() : null, to: to ? to.trim() : null };
}

export function formatDatedCode(c: DatedCode): string {
  if (!c.from && !c.to) return c.code;
  return `${c.code}@${c.from ?? ''}..${c.to ?? ''}`;
}

/** Does the interval of c hold the date? (undated codes hold every date) */
export function holds(c: DatedCode, date: string): boolean {
  return (c.from === null || date >= c.from) && (c.to === null || date <= c.to);
}
