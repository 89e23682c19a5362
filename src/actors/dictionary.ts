import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dataPath } from '../core/paths.js';
import { readTsv } from '../core/tsv.js';
import { DyadError } from '../core/errors.js';
import type { ActorEntry } from './model.js';
import { parseDatedCode } from './model.js';
import { Lexicon } from './lexicon.js';

interface WorldCountry {
  cca2: string;
  cca3: string;
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
  independent?: boolean;
}

/** Actor entries plus the phrase lexicon that finds them (and agent words) in text. */
export class ActorDictionary {
  readonly entries: ActorEntry[] = [];
  readonly lexicon = new Lexicon();
  /** country code → entry index, for "the Libyan government" style composition */
  readonly countryIndex = new Map<string, number>();

  addEntry(e: ActorEntry, demonyms: string[] = [], capitals: string[] = []): number {
    const idx = this.entries.length;
    this.entries.push(e);
    for (const n of e.names) this.lexicon.add(n, { type: 'entry', entryIndex: idx, role: 'name' });
    for (const d of demonyms) this.lexicon.add(d, { type: 'entry', entryIndex: idx, role: 'demonym' });
    for (const c of capitals) this.lexicon.add(c, { type: 'entry', entryIndex: idx, role: 'capital' });
    return idx;
  }

  addAgent(phrase: string, sector: string, priority: number): void {
    this.lexicon.add(phrase, { type: 'agent', sector, priority, phrase });
  }
}

/** Acronyms of two letters that collide with English words or are too ambiguous to read as countries. */
const SKIP_ALT = /^[A-Z]{2}$/;

function loadCountries(dict: ActorDictionary): void {
  const require = createRequire(import.meta.url);
  const countries = require('world-countries') as WorldCountry[];
  const extra = readTsv(dataPath('actors', 'countries-extra.tsv'));
  const codeMap = new Map<string, string>();
  const extraNames = new Map<string, { names: string[]; capitals: string[] }>();
  for (const r of extra.rows) {
    if (r.cells[0].startsWith('=')) {
      codeMap.set(r.cells[0].slice(1), r.cells[1]);
      continue;
    }
    const cur = extraNames.get(r.cells[0]) ?? { names: [], capitals: [] };
    if (r.cells[1]) cur.names.push(...r.cells[1].split('|').filter(Boolean));
    if (r.cells[2]) cur.capitals.push(...r.cells[2].split('|').filter(Boolean));
    extraNames.set(r.cells[0], cur);
  }
  // sovereign states first, so "French" and "American" go to France and the United States, not to
  // French Southern Territories or American Samoa; a name or demonym already taken is not added again
  const taken = new Set<string>();
  const ordered = [...countries].sort((a, b) => Number(!!b.independent) - Number(!!a.independent));
  for (const c of ordered) {
    const code = codeMap.get(c.cca3) ?? c.cca3;
    const ex = extraNames.get(c.cca3);
    const names = new Set<string>([c.name.common, c.name.official]);
    for (const a of c.altSpellings) if (!SKIP_ALT.test(a) && /^[\p{L}\p{M}\s.'’,()-]+$/u.test(a) && /[A-Za-z]/.test(a) && !a.includes(',')) names.add(a);
    if (ex) for (const n of ex.names) names.add(n);
    const demonyms = new Set<string>();
    const d = c.demonyms?.eng;
    if (d?.m) demonyms.add(d.m);
    if (d?.f) demonyms.add(d.f);
    const capitals = ex && ex.capitals.length ? ex.capitals : c.capital.filter(Boolean);
    const fresh = (list: Iterable<string>) => [...list].filter((n) => !taken.has(n.toLowerCase()));
    const entryNames = fresh(names), entryDemonyms = fresh(demonyms), entryCapitals = fresh(capitals);
    for (const n of [...entryNames, ...entryDemonyms, ...entryCapitals]) taken.add(n.toLowerCase());
    const idx = dict.addEntry(
      {
        id: `country:${code}`,
        kind: 'country',
        names: entryNames,
        codes: [{ code, from: null, to: null }],
        label: c.name.common,
        origin: 'world-countries',
      },
      entryDemonyms,
      entryCapitals,
    );
    dict.countryIndex.set(code, idx);
  }
}

function loadAgents(dict: ActorDictionary, file: string): void {
  for (const r of readTsv(file).rows) {
    const [phrase, sector, prio] = r.cells;
    if (!phrase || !sector) throw new DyadError('E_DICT_SYNTAX', 'agent line needs "phrase<TAB>SECTOR"', `${file}:${r.line}`);
    dict.addAgent(phrase, sector, prio ? Number(prio) : 1);
  }
}

function loadIgos(dict: ActorDictionary, file: string): void {
  if (!existsSync(file)) return;
  const { rows } = readTsv(file, { header: true });
  for (const r of rows) {
    const [code, name, aliases] = r.cells;
    if (!code || !name) continue;
    const names = [name, ...(aliases ? aliases.split('|') : [])].map((s) => s.trim()).filter(Boolean);
    dict.addEntry({ id: `igo:${code}:${name}`, kind: 'igo', names, codes: [{ code, from: null, to: null }], label: name, origin: `${file}:${r.line}` });
  }
}

/** Named groups and people: "names<TAB>codes<TAB>kind". */
export function loadNamed(dict: ActorDictionary, file: string): void {
  for (const r of readTsv(file).rows) {
    const [names, codes, kind] = r.cells;
    if (!names || !codes) throw new DyadError('E_DICT_SYNTAX', 'named actor line needs "names<TAB>codes<TAB>kind"', `${file}:${r.line}`);
    const list = names.split('|').map((s) => s.trim()).filter(Boolean);
    const k = kind === 'person' ? 'person' : 'group';
    dict.addEntry({
      id: `${k}:${list[0].toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      kind: k,
      names: list,
      codes: codes.split(';').map(parseDatedCode),
      label: list[0],
      origin: `${file}:${r.line}`,
    });
  }
}

let cached: ActorDictionary | null = null;

/** The default actor dictionary shipped in data/actors (built once per process). */
export function defaultActors(): ActorDictionary {
  if (cached) return cached;
  const dict = new ActorDictionary();
  loadCountries(dict);
  loadIgos(dict, dataPath('cameo', 'igos.tsv'));
  loadNamed(dict, dataPath('actors', 'named.tsv'));
  loadAgents(dict, dataPath('actors', 'agents.tsv'));
  cached = dict;
  return dict;
}
