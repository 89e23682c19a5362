import { parseArgs } from 'node:util';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { DyadError } from '../core/errors.js';
import { parseIsoDate } from '../core/dates.js';
import type { PlaceMention } from '../core/doc.js';
import { codeDoc } from '../pipeline.js';
import { gazetteer } from '../geo/gazetteer.js';
import { normName, distanceKm } from '../geo/names.js';
import { pct, table } from '../eval/metrics.js';
import { EXIT_OK, EXIT_USAGE, reportError, say } from './io.js';

/** One gold sentence: `{"id","date","group","text","places":[{"text","country","city"}]}`; city null = not a city. */
export interface GeoGold {
  id: string;
  date: string;
  group: string;
  text: string;
  places: { text: string; country: string; city: string | null }[];
}

const USAGE = 'usage: dyad eval geo FILE.jsonl [--errors]';

export function readGeoGold(file: string): GeoGold[] {
  if (!existsSync(file)) throw new DyadError('E_INPUT_NOT_FOUND', `${file} does not exist`);
  if (statSync(file).isDirectory()) throw new DyadError('E_INPUT_IS_DIR', `${file} is a directory`);
  const out: GeoGold[] = [];
  readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let r: GeoGold;
    try {
      r = JSON.parse(line) as GeoGold;
    } catch (e) {
      throw new DyadError('E_INPUT_JSONL', (e as Error).message, where);
    }
    if (typeof r.text !== 'string' || !Array.isArray(r.places)) throw new DyadError('E_INPUT_JSONL', 'a gold line needs "text" and "places"', where);
    r.date = parseIsoDate(r.date ?? '2024-03-16', `${where}: date`);
    r.group = r.group ?? 'all';
    r.id = r.id ?? `line-${i + 1}`;
    out.push(r);
  });
  if (!out.length) throw new DyadError('E_INPUT_EMPTY', `${file} has no gold sentences`);
  return out;
}

/** is the predicted place the gold city? same name, or a gazetteer spelling of it within 30 km */
function sameCity(p: PlaceMention, city: string, country: string): boolean {
  if (p.precision !== 'city' || p.country !== country) return false;
  if (normName(p.name) === normName(city)) return true;
  const g = gazetteer();
  return (g.byName.get(normName(city)) ?? []).some((i) => {
    const e = g.entry(i);
    return e.country === country && p.lat !== null && p.lon !== null && distanceKm(e.lat, e.lon, p.lat, p.lon) < 30;
  });
}

interface Tally { sentences: number; gold: number; found: number; country: number; cities: number; city: number; predicted: number; spurious: number }
const empty = (): Tally => ({ sentences: 0, gold: 0, found: 0, country: 0, cities: 0, city: 0, predicted: 0, spurious: 0 });

export async function runEvalGeo(argv: string[]): Promise<number> {
  let a;
  try {
    a = parseArgs({ args: argv, allowPositionals: true, options: { errors: { type: 'boolean', default: false } } });
  } catch (e) {
    say(`E_USAGE: ${(e as Error).message}`);
    return EXIT_USAGE;
  }
  const file = a.positionals[0];
  if (!file) { say(`E_USAGE: ${USAGE}`); return EXIT_USAGE; }
  try {
    const t0 = performance.now();
    const gold = readGeoGold(file);
    const groups = new Map<string, Tally>();
    const total = empty();
    const errors: string[] = [];
    for (const r of gold) {
      const doc = codeDoc(r.text, { date: r.date, id: r.id });
      const t = groups.get(r.group) ?? empty();
      groups.set(r.group, t);
      const used = new Set<PlaceMention>();
      for (const x of [t, total]) { x.sentences++; x.predicted += doc.places.length; }
      for (const gp of r.places) {
        const p = doc.places.find((q) => !used.has(q) && normName(q.text) === normName(gp.text));
        if (p) used.add(p);
        const okCountry = !!p && p.country === gp.country;
        const okCity = gp.city !== null && !!p && sameCity(p, gp.city, gp.country);
        for (const x of [t, total]) {
          x.gold++;
          if (p) x.found++;
          if (okCountry) x.country++;
          if (gp.city !== null) { x.cities++; if (okCity) x.city++; }
        }
        if (!okCountry || (gp.city !== null && !okCity)) {
          errors.push(`  ${r.id}: ${gp.text} gold ${gp.country}${gp.city ? '/' + gp.city : ''}, dyad ${p ? `${p.country}/${p.name} (${p.precision})` : 'not found'}: ${r.text}`);
        }
      }
      for (const p of doc.places) if (!used.has(p)) {
        for (const x of [t, total]) x.spurious++;
        errors.push(`  ${r.id}: ${p.text} → ${p.country}/${p.name} is not in the gold: ${r.text}`);
      }
    }
    const row = (name: string, x: Tally) => [name, x.sentences, x.gold, x.found, pct(x.gold ? x.country / x.gold : 0), `${x.cities}`, pct(x.cities ? x.city / x.cities : 0), x.spurious];
    console.log(table(['group', 'sentences', 'places', 'found', 'country', 'cities', 'city', 'spurious'], [...[...groups.entries()].map(([k, v]) => row(k, v)), row('all', total)]));
    if (a.values.errors && errors.length) console.log('\n' + errors.join('\n'));
    const g = gazetteer().stats;
    const s = (performance.now() - t0) / 1000;
    const precision = total.predicted ? (total.predicted - total.spurious) / total.predicted : 0;
    console.log(`\ngazetteer: ${g.cities} cities, ${g.admin1} regions, ${g.countries} countries, ${g.names} names, loaded in ${g.loadMs} ms`);
    console.log(`geo: country accuracy ${pct(total.gold ? total.country / total.gold : 0)} (${total.country}/${total.gold}), city accuracy ${pct(total.cities ? total.city / total.cities : 0)} (${total.city}/${total.cities}), place precision ${pct(precision)}, ${total.sentences} sentences, ${s.toFixed(2)} s`);
    return EXIT_OK;
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
}
