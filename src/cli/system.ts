import { parseArgs } from 'node:util';
import { DyadError } from '../core/errors.js';
import { parseIsoDate } from '../core/dates.js';
import { cameoTable } from '../events/cameo.js';
import { DEFAULT_DB, dbLocation, openReadStore, closeReadStore } from '../store/open.js';
import { systemDot, systemMarkdown } from '../system/format.js';
import type { Collapse, SystemOptions, Window } from '../system/types.js';
import { SYSTEM_DEFAULTS, systemView } from '../system/view.js';
import { systemViewAsync } from '../system/view-async.js';
import type { SystemView } from '../system/types.js';
import { EXIT_OK, EXIT_USAGE, out, reportError, say } from './io.js';

export const SYSTEM_HELP = `usage: dyad system [options]
Who is on whose side, and who fights through whom: sides, proxy relations and the strongest dyads inferred
from the stored events, each claim with its evidence (docs/system.md).
  --from YYYY-MM-DD   first event date (inclusive)
  --to YYYY-MM-DD     last event date (inclusive); ties decay back from it (default: the last event)
  --country ISO3      the conflict's country: its actors are the local parties, the system is every actor
                      with an event in or with it (default: countries with an internal conflict are local)
  --window W          day, week or month (default ${SYSTEM_DEFAULTS.window}): the time windows of dyad relations
  --collapse C        state (default: TURGOV, TURMIL → TUR; a local country's state → LBYGOV), country
                      (every code → its country) or none (codes as coded)
  --half-life DAYS    a tie's events lose half their weight every DAYS days (default ${SYSTEM_DEFAULTS.halfLife}; 0 = never)
  --top N             strongest dyads listed (default ${SYSTEM_DEFAULTS.top})
  --evidence N        evidence events per claim (default ${SYSTEM_DEFAULTS.evidence})
  --format F          md (default), json or dot (Graphviz)
  --db PATH|URL       the store: a SQLite file or postgres://… (default: $DYAD_DB, else ${DEFAULT_DB})
`;

const WINDOWS = ['day', 'week', 'month'];
const COLLAPSE = ['none', 'state', 'country'];

function int(v: unknown, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) throw new DyadError('E_USAGE', `${name} must be a whole number ${min}-${max}, not '${s}'`);
  return Number(s);
}

/** Parse and check the options; throws DyadError(E_USAGE / E_DATE_INVALID). */
export function systemOptions(o: Record<string, unknown>): SystemOptions {
  const opts: SystemOptions = {};
  if (o.from) opts.from = parseIsoDate(String(o.from), '--from');
  if (o.to) opts.to = parseIsoDate(String(o.to), '--to');
  if (opts.from && opts.to && opts.from > opts.to) throw new DyadError('E_USAGE', `--from (${opts.from}) is after --to (${opts.to})`);
  if (o.country) {
    if (!/^[A-Za-z]{3}$/.test(String(o.country))) throw new DyadError('E_USAGE', `--country '${o.country}' is not a 3-letter code`);
    opts.country = String(o.country).toUpperCase();
  }
  if (o.window !== undefined) {
    if (!WINDOWS.includes(String(o.window))) throw new DyadError('E_USAGE', `--window must be day, week or month, not '${o.window}'`);
    opts.window = o.window as Window;
  }
  if (o.collapse !== undefined) {
    if (!COLLAPSE.includes(String(o.collapse))) throw new DyadError('E_USAGE', `--collapse must be state, country or none, not '${o.collapse}'`);
    opts.collapse = o.collapse as Collapse;
  }
  opts.halfLife = int(o['half-life'], '--half-life', 0, 36500);
  opts.top = int(o.top, '--top', 1, 1000);
  opts.evidence = int(o.evidence, '--evidence', 1, 100);
  return opts;
}

export async function runSystem(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        country: { type: 'string' },
        window: { type: 'string' },
        collapse: { type: 'string' },
        'half-life': { type: 'string' },
        top: { type: 'string' },
        evidence: { type: 'string' },
        format: { type: 'string', default: 'md' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    say(`E_USAGE: ${(e as Error).message}`);
    process.stderr.write(SYSTEM_HELP);
    return EXIT_USAGE;
  }
  const o = args.values;
  if (o.help) {
    process.stdout.write(SYSTEM_HELP);
    return EXIT_OK;
  }
  const format = o.format as string;
  if (!['md', 'json', 'dot'].includes(format)) {
    say(`E_FORMAT: unknown --format '${format}' (md, json, dot)`);
    return EXIT_USAGE;
  }
  let opts: SystemOptions;
  try {
    opts = systemOptions(o);
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
  const db = dbLocation(o.db as string | undefined);
  const rs = await openReadStore(db, { create: false });
  try {
    const v: SystemView = rs.kind === 'postgres' ? await systemViewAsync(rs.store, opts) : systemView(rs.store, opts);
    if (format === 'json') await out(JSON.stringify(v, null, 1) + '\n');
    else if (format === 'dot') await out(systemDot(v));
    else await out(systemMarkdown(v, Object.fromEntries([...cameoTable()].map(([code, c]) => [code, c.name]))));
    say(`${v.stats.events} events, ${v.stats.actors} actors, ${v.sides.length} side(s), ${v.proxies.length} proxy relation(s) in ${v.stats.ms} ms`);
  } finally {
    await closeReadStore(rs);
  }
  return EXIT_OK;
}
