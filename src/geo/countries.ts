import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dataPath } from '../core/paths.js';
import { readTsv } from '../core/tsv.js';
import { normName } from './names.js';

/** A country as the place layer sees it: ISO alpha-3 / CAMEO code, names, demonyms and a centre point. */
export interface GeoCountry {
  code: string;
  iso2: string;
  name: string;
  names: string[];
  demonyms: string[];
  lat: number;
  lon: number;
}

interface WorldCountry {
  cca2: string;
  cca3: string;
  name: { common: string; official: string };
  altSpellings: string[];
  latlng: [number, number];
  demonyms?: { eng?: { m?: string; f?: string } };
}

export interface CountryIndex {
  list: GeoCountry[];
  byCode: Map<string, GeoCountry>;
  byIso2: Map<string, GeoCountry>;
  /** normalized name → country code (names and short forms) */
  names: Map<string, string>;
  /** normalized demonym ("libyan", "lebanese") → country code */
  demonyms: Map<string, string>;
}

let cached: CountryIndex | null = null;

/**
 * Countries from world-countries, with the extra English names and the code overrides of
 * data/actors/countries-extra.tsv (read as data: "=UNK KSV" makes Kosovo KSV, the CAMEO code).
 */
export function countryIndex(): CountryIndex {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const wc = require('world-countries') as WorldCountry[];
  const codeMap = new Map<string, string>();
  const extraNames = new Map<string, string[]>();
  const extraDemonyms = new Map<string, string[]>();
  const extraFile = dataPath('actors', 'countries-extra.tsv');
  if (existsSync(extraFile)) {
    for (const r of readTsv(extraFile).rows) {
      const [c0, c1 = '', , c3 = ''] = r.cells;
      if (c0.startsWith('=')) { codeMap.set(c0.slice(1), c1); continue; }
      extraNames.set(c0, [...(extraNames.get(c0) ?? []), ...c1.split('|').filter(Boolean)]);
      extraDemonyms.set(c0, [...(extraDemonyms.get(c0) ?? []), ...c3.split('|').filter(Boolean)]);
    }
  }
  const idx: CountryIndex = { list: [], byCode: new Map(), byIso2: new Map(), names: new Map(), demonyms: new Map() };
  for (const c of wc) {
    const code = codeMap.get(c.cca3) ?? c.cca3;
    const names = new Set([c.name.common, c.name.official, ...(extraNames.get(c.cca3) ?? [])]);
    for (const a of c.altSpellings) if (a.length > 3 && /^[A-Za-z .'-]+$/.test(a)) names.add(a);
    const dem = new Set<string>(extraDemonyms.get(c.cca3) ?? []);
    if (c.demonyms?.eng?.m) dem.add(c.demonyms.eng.m);
    if (c.demonyms?.eng?.f) dem.add(c.demonyms.eng.f);
    const g: GeoCountry = { code, iso2: c.cca2, name: c.name.common, names: [...names], demonyms: [...dem], lat: c.latlng[0], lon: c.latlng[1] };
    idx.list.push(g);
    idx.byCode.set(code, g);
    idx.byIso2.set(c.cca2, g);
  }
  // the same word may name two countries ("Congo"): the first (world-countries order) wins, explicit names first
  for (const g of idx.list) {
    for (const n of g.names) {
      const k = normName(n);
      if (!idx.names.has(k)) idx.names.set(k, g.code);
      if (k.startsWith('the ')) idx.names.set(k.slice(4), idx.names.get(k.slice(4)) ?? g.code);
    }
    for (const d of g.demonyms) {
      const k = normName(d);
      if (!idx.demonyms.has(k)) idx.demonyms.set(k, g.code);
    }
  }
  cached = idx;
  return idx;
}

/** ISO alpha-2 → alpha-3 / CAMEO code (XK → KSV), null when unknown. */
export function iso2to3(iso2: string): string | null {
  return countryIndex().byIso2.get(iso2)?.code ?? null;
}
