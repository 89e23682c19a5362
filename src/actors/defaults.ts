import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dataPath, PACKAGE_ROOT } from '../core/paths.js';
import { readTsv } from '../core/tsv.js';
import { DyadError } from '../core/errors.js';
import type { ActorEntry, DatedCode } from './model.js';
import { parseDatedCode, splitCode } from './model.js';
import { ActorDictionary } from './dictionary.js';
import { parseDiscards } from './discards.js';

interface WorldCountry {
  cca3: string;
  independent?: boolean;
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
}

/** non-independent entries of world-countries that are still political actors of their own */
const TERRITORIES_KEPT = new Set(['PSE', 'TWN', 'UNK', 'ESH', 'HKG']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
/** a file:line for messages and origins: relative to the package when inside it ("data/actors/people.tsv:12") */
const at = (file: string, line: number) => `${file.startsWith(PACKAGE_ROOT) ? path.relative(PACKAGE_ROOT, file) : file}:${line}`;
const splitList = (s: string | undefined) => (s ? s.split('|').map((x) => x.trim()).filter(Boolean) : []);

/** Demonym plurals news uses as actors: "Iraqis", "Americans", "Afghans" (not "Britishs"). */
function demonymPlural(d: string): string | null {
  return /(an|i|o)$/.test(d) ? d + 's' : null;
}

/** Countries from world-countries, corrected and extended by data/actors/countries-extra.tsv. */
export function loadCountries(dict: ActorDictionary, extraFile = dataPath('actors', 'countries-extra.tsv')): void {
  const require = createRequire(import.meta.url);
  const countries = require('world-countries') as WorldCountry[];
  const codeMap = new Map<string, string>();
  const extra = new Map<string, { names: string[]; demonyms: string[]; capitals: string[] | null; drop: Set<string> }>();
  const get = (iso: string) => {
    let e = extra.get(iso);
    if (!e) { e = { names: [], demonyms: [], capitals: null, drop: new Set() }; extra.set(iso, e); }
    return e;
  };
  for (const r of readTsv(extraFile).rows) {
    const [head, a, b, c] = r.cells;
    const where = at(extraFile, r.line);
    if (head.startsWith('=')) { codeMap.set(head.slice(1), a); continue; }
    if (head.startsWith('!')) { for (const n of splitList(a)) get(head.slice(1)).drop.add(n.toLowerCase()); continue; }
    if (!/^[A-Z]{3}$/.test(head)) throw new DyadError('E_DICT_SYNTAX', `expected an ISO3 code, '=ISO3' or '!ISO3', got '${head}'`, where);
    const e = get(head);
    e.names.push(...splitList(a));
    e.demonyms.push(...splitList(c));
    if (b !== undefined && b !== '') e.capitals = [...(e.capitals ?? []), ...splitList(b)];
  }
  for (const c of countries) {
    const code = codeMap.get(c.cca3) ?? c.cca3;
    const ex = extra.get(c.cca3);
    const drop = ex?.drop ?? new Set<string>();
    const full = c.independent !== false || TERRITORIES_KEPT.has(c.cca3);
    const names = new Set<string>([c.name.common, c.name.official]);
    for (const a of c.altSpellings) {
      // two-letter ISO codes collide with words; keep only Latin-script names without commas
      if (/^[A-Z]{2}$/.test(a) || a.includes(',') || !/^[\p{Script=Latin}\p{M}\s.'’()-]+$/u.test(a)) continue;
      names.add(a);
    }
    for (const n of ex?.names ?? []) names.add(n);
    const demonyms = new Set<string>();
    if (full) {
      for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f, ...(ex?.demonyms ?? [])]) {
        if (!d) continue;
        demonyms.add(d);
        const pl = demonymPlural(d);
        if (pl) demonyms.add(pl);
      }
    }
    const capitals = !full ? [] : ex?.capitals ?? c.capital.filter(Boolean);
    const keep = (s: string) => !drop.has(s.toLowerCase());
    dict.addEntry({
      id: `country:${code}`,
      kind: 'country',
      names: [...names].filter(keep),
      codes: [{ code, from: null, to: null }],
      label: c.name.common,
      origin: 'world-countries',
      demonyms: [...demonyms].filter(keep),
      capitals: capitals.filter(keep),
    });
  }
}

/** IGOs and NGOs: data/cameo/igos.tsv, "code<TAB>name<TAB>aliases". */
export function loadIgos(dict: ActorDictionary, file: string): void {
  if (!existsSync(file)) return;
  const { rows } = readTsv(file, { header: true });
  for (const r of rows) {
    const [code, name, aliases] = r.cells;
    if (!code || !name) throw new DyadError('E_DICT_SYNTAX', 'IGO line needs "code<TAB>name<TAB>aliases"', at(file, r.line));
    const names = [name, ...splitList(aliases)];
    dict.addEntry({ id: `igo:${code}:${slug(name)}`, kind: 'igo', names, codes: [{ code, from: null, to: null }], label: name, origin: at(file, r.line) });
  }
}

/**
 * Named groups and institutions: "names<TAB>codes<TAB>kind[<TAB>note]". Codes are `;`-separated
 * `CODE` or `CODE@FROM..TO`; code `-` makes the names a block (not an actor; shadows shorter names).
 */
export function loadNamed(dict: ActorDictionary, file: string): void {
  for (const r of readTsv(file).rows) {
    const [names, codes, kind] = r.cells;
    const where = at(file, r.line);
    if (!names || !codes) throw new DyadError('E_DICT_SYNTAX', 'named actor line needs "names<TAB>codes<TAB>kind"', where);
    const list = splitList(names);
    if (codes === '-') { for (const n of list) dict.addBlock(n); continue; }
    const k = kind === 'person' ? 'person' : kind === 'capital' ? 'capital' : kind === 'igo' ? 'igo' : 'group';
    const parsed = codes.split(';').map((c) => checkCode(parseDatedCode(c), where));
    dict.addEntry({ id: `${k}:${slug(list[0])}`, kind: k, names: list, codes: parsed, label: list[0], origin: where });
  }
}

function checkCode(c: DatedCode, where: string): DatedCode {
  if (!/^[A-Z-]{3}[A-Z]*$/.test(c.code)) throw new DyadError('E_DICT_SYNTAX', `'${c.code}' is not a CAMEO actor code`, where);
  for (const d of [c.from, c.to]) if (d !== null && !ISO_DATE.test(d)) throw new DyadError('E_DICT_SYNTAX', `'${d}' is not a YYYY-MM-DD date`, where);
  if (c.from && c.to && c.from > c.to) throw new DyadError('E_DICT_SYNTAX', `interval ${c.from}..${c.to} ends before it starts`, where);
  return c;
}

/**
 * People with dated offices: data/actors/people.tsv, one row per term:
 * "names<TAB>CODE<TAB>FROM<TAB>TO<TAB>ROLE[<TAB>note]". Rows with the same first name form one person.
 * A `~` before a date marks it approximate. A row without dates is the person's default code; without one
 * the default is the country of the first term + ELI (a former official is an elite, not the government).
 */
export function loadPeople(dict: ActorDictionary, file: string): void {
  const people = new Map<string, { names: Set<string>; codes: DatedCode[]; origin: string; hasDefault: boolean }>();
  for (const r of readTsv(file).rows) {
    const [names, code, from, to, role] = r.cells;
    const where = at(file, r.line);
    if (!names || !code) throw new DyadError('E_DICT_SYNTAX', 'person line needs "names<TAB>CODE<TAB>FROM<TAB>TO<TAB>ROLE"', where);
    const list = splitList(names);
    const label = list[0];
    let p = people.get(label);
    if (!p) { p = { names: new Set(), codes: [], origin: where, hasDefault: false }; people.set(label, p); }
    for (const n of list) p.names.add(n);
    const approx = (from ?? '').startsWith('~') || (to ?? '').startsWith('~');
    const dc: DatedCode = { code, from: from ? from.replace(/^~/, '') : null, to: to ? to.replace(/^~/, '') : null };
    if (role) dc.role = role;
    if (approx) dc.approx = true;
    checkCode(dc, where);
    if (!dc.from && !dc.to) p.hasDefault = true;
    p.codes.push(dc);
  }
  for (const [label, p] of people) {
    if (!p.hasDefault) {
      const first = p.codes.find((c) => splitCode(c.code).country);
      const country = first ? splitCode(first.code).country : null;
      if (country) p.codes.push({ code: country + 'ELI', from: null, to: null });
    }
    dict.addEntry({ id: `person:${slug(label)}`, kind: 'person', names: [...p.names], codes: p.codes, label, origin: p.origin });
  }
}

/** Agents: "phrase<TAB>SECTOR[<TAB>priority[<TAB>role]]". */
export function loadAgents(dict: ActorDictionary, file: string): void {
  for (const r of readTsv(file).rows) {
    const [phrase, sector, prio, role] = r.cells;
    const where = at(file, r.line);
    if (!phrase || !sector) throw new DyadError('E_DICT_SYNTAX', 'agent line needs "phrase<TAB>SECTOR"', where);
    const m = /^([A-Z]{3,})(~?)$/.exec(sector);
    if (!m) throw new DyadError('E_DICT_SYNTAX', `'${sector}' is not a sector code (SEC, or SEC~ to put it before the country)`, where);
    const priority = prio ? Number(prio) : 1;
    if (!Number.isFinite(priority)) throw new DyadError('E_DICT_SYNTAX', `priority '${prio}' is not a number`, where);
    dict.addAgent({ phrase, sector: m[1], priority, prefix: m[2] === '~' || undefined, role: role || undefined, origin: where });
  }
}

let cached: ActorDictionary | null = null;

/** The default actor dictionary shipped in data/actors (built once per process). */
export function defaultActors(): ActorDictionary {
  if (cached) return cached;
  const dict = new ActorDictionary();
  loadCountries(dict);
  loadIgos(dict, dataPath('cameo', 'igos.tsv'));
  loadNamed(dict, dataPath('actors', 'institutions.tsv'));
  loadNamed(dict, dataPath('actors', 'groups.tsv'));
  loadPeople(dict, dataPath('actors', 'people.tsv'));
  loadAgents(dict, dataPath('actors', 'agents.tsv'));
  const disc = dataPath('actors', 'discards.txt');
  parseDiscards(readFileSync(disc, 'utf8'), disc, dict.discards);
  dict.sources.push('dyad defaults (data/actors, data/cameo/igos.tsv, world-countries)');
  cached = dict;
  return dict;
}
