/** Actor identity for the conflict-system view: which coded actor codes count as one actor. */
import type { DyadEventRow } from '../store/types.js';
import type { Collapse } from './types.js';

/** Sectors that speak for the state: merged with the bare country code under `collapse: state`. */
export const STATE_SECTORS = new Set(['GOV', 'MIL', 'COP', 'SPY', 'JUD', 'LEG']);
/** Armed non-state sectors: a conflict between them and their own state makes that country local. */
const ARMED = new Set(['REB', 'INS', 'SEP', 'UAF', 'OPP']);

export interface RawActor {
  code: string;
  country: string | null;
  sector: string | null;
}

/** True for codes that stand for a country's state: the bare country or a state sector. */
function isState(a: RawActor): boolean {
  if (!a.country) return false;
  return a.code === a.country || (a.sector !== null && STATE_SECTORS.has(a.sector) && a.code.startsWith(a.country));
}

/** The aggregated actor id of a coded actor. */
export function actorId(a: RawActor, collapse: Collapse, local: ReadonlySet<string>): string {
  if (collapse === 'none' || !a.country || !a.code.startsWith(a.country)) return a.code;
  if (collapse === 'country') return a.country;
  if (isState(a)) return local.has(a.country) ? `${a.country}GOV` : a.country;
  return a.sector ? a.country + a.sector : a.code;
}

export const sourceOf = (r: DyadEventRow): RawActor => ({ code: r.source_code, country: r.source_country, sector: r.source_sector });
export const targetOf = (r: DyadEventRow): RawActor => ({ code: r.target_code, country: r.target_country, sector: r.target_sector });

/**
 * Countries with an internal conflict: a conflict event (quad 3–4) between the state and an armed non-state
 * actor of the same country, or between two such groups. Their actors are the local parties.
 */
export function inferLocalCountries(rows: Iterable<DyadEventRow>): string[] {
  const found = new Map<string, number>();
  for (const r of rows) {
    if (r.quad_class < 3) continue;
    const s = sourceOf(r);
    const t = targetOf(r);
    if (!s.country || s.country !== t.country) continue;
    const armed = (a: RawActor) => a.sector !== null && ARMED.has(a.sector);
    const sides = [isState(s) ? 'state' : armed(s) ? s.code : null, isState(t) ? 'state' : armed(t) ? t.code : null];
    if (sides[0] && sides[1] && sides[0] !== sides[1]) found.set(s.country, (found.get(s.country) ?? 0) + 1);
  }
  return [...found.keys()].sort();
}
