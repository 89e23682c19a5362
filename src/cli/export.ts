import { createWriteStream } from 'node:fs';
import { DyadError } from '../core/errors.js';
import { parseIsoDate } from '../core/dates.js';
import { FORMATS, type ExportFormat } from '../export/columns.js';
import { exportLines, exportLinesAsync } from '../export/write.js';
import { DEFAULT_DB, dbLocation, openReadStore, closeReadStore } from '../store/open.js';
import type { EventFilter } from '../store/types.js';
import { EXIT_OK, EXIT_USAGE, out, reportError, say, parseCli } from './io.js';

export const EXPORT_HELP = `usage: dyad export --format FMT [filters] [options]
Write the store's events in a standard event-data layout (docs/exports.md has every column).
  --format FMT        jsonl (default), csv, gdelt, icews, phoenix or polecat
                      gdelt and phoenix write one row per cross-article cluster, the others one per event
  --from YYYY-MM-DD   first event date (inclusive)
  --to YYYY-MM-DD     last event date (inclusive)
  --actor CODE        source or target actor code prefix ("RUS" matches RUS, RUSMIL...)
  --code CAMEO        CAMEO code prefix ("19" matches 190, 193...)
  --country ISO3      source or target country
  --quad N            quad class 1-4
  --clusters          jsonl: one line per cluster (key, members, counts) instead of per event
  --header            write a header row (gdelt and phoenix files have none by default)
  --no-header         no header row (csv, icews and polecat have one by default)
  --db PATH|URL       the store: a SQLite file or postgres://user@host:port/db (default: $DYAD_DB, else ${DEFAULT_DB})
  -o, --output FILE   write to FILE instead of stdout
`;

/** Parse and check the shared filter options; throws DyadError(E_USAGE / E_DATE_INVALID). */
export function filterFromArgs(o: Record<string, unknown>): EventFilter {
  const f: EventFilter = {};
  if (o.from) f.from = parseIsoDate(String(o.from), '--from');
  if (o.to) f.to = parseIsoDate(String(o.to), '--to');
  if (o.actor) {
    if (!/^[A-Za-z0-9]{1,30}$/.test(String(o.actor))) throw new DyadError('E_USAGE', `--actor '${o.actor}' is not an actor code`);
    f.actor = String(o.actor).toUpperCase();
  }
  if (o.code) {
    if (!/^\d{1,4}$/.test(String(o.code))) throw new DyadError('E_USAGE', `--code '${o.code}' is not a CAMEO code (digits)`);
    f.cameo = String(o.code);
  }
  if (o.country) {
    if (!/^[A-Za-z]{3}$/.test(String(o.country))) throw new DyadError('E_USAGE', `--country '${o.country}' is not a 3-letter code`);
    f.country = String(o.country).toUpperCase();
  }
  if (o.quad) {
    if (!/^[1-4]$/.test(String(o.quad))) throw new DyadError('E_USAGE', `--quad must be 1, 2, 3 or 4, not '${o.quad}'`);
    f.quad = Number(o.quad) as 1 | 2 | 3 | 4;
  }
  return f;
}

export async function runExport(argv: string[]): Promise<number> {
  const args = parseCli(argv, {
        format: { type: 'string', default: 'jsonl' },
        from: { type: 'string' },
        to: { type: 'string' },
        actor: { type: 'string' },
        code: { type: 'string' },
        country: { type: 'string' },
        quad: { type: 'string' },
        clusters: { type: 'boolean', default: false },
        header: { type: 'boolean', default: false },
        'no-header': { type: 'boolean', default: false },
        db: { type: 'string' },
        output: { type: 'string', short: 'o' },
  }, EXPORT_HELP, false);
  if (typeof args === 'number') return args;
  const o = args.values;
  const format = o.format as string;
  if (!(format in FORMATS)) {
    say(`E_FORMAT: unknown --format '${format}' (${Object.keys(FORMATS).join(', ')})`);
    return EXIT_USAGE;
  }
  if (o.header && o['no-header']) {
    say('E_USAGE: --header and --no-header together');
    return EXIT_USAGE;
  }
  if (o.clusters && format !== 'jsonl') {
    say('E_USAGE: --clusters goes with --format jsonl (gdelt and phoenix are per cluster already)');
    return EXIT_USAGE;
  }
  let filter: EventFilter;
  try {
    filter = filterFromArgs(o);
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
  const db = dbLocation(o.db as string | undefined);
  const rs = await openReadStore(db, { create: false });
  const file = o.output ? createWriteStream(o.output as string) : null;
  const write = file
    ? (s: string) => new Promise<void>((resolve, reject) => {
      if (file.write(s)) resolve(); else file.once('drain', resolve).once('error', reject);
    })
    : out;
  try {
    const header = o.header ? true : o['no-header'] ? false : undefined;
    const opts = { format: format as ExportFormat, filter, header, clusters: o.clusters as boolean };
    const lines = rs.kind === 'postgres' ? exportLinesAsync(rs.store, opts) : exportLines(rs.store, opts);
    let buf = '';
    let r = await lines.next();
    while (!r.done) {
      buf += r.value + '\n';
      if (buf.length > 1 << 16) { await write(buf); buf = ''; }
      r = await lines.next();
    }
    if (buf) await write(buf);
    const unit = FORMATS[format as ExportFormat].unit === 'cluster' || o.clusters ? 'cluster' : 'event';
    say(`exported ${r.value} ${unit}(s) as ${format}${o.output ? ` to ${o.output}` : ''}`);
  } finally {
    await closeReadStore(rs);
    if (file) await new Promise<void>((resolve) => file.end(resolve));
  }
  return EXIT_OK;
}
