/** One export row per event or cluster, in the column order of src/export/columns.ts. Unknown = empty. */
import { createRequire } from 'node:module';
import type { EventActor, EventLocation } from '../core/event.js';
import { cameoInfo } from '../events/cameo.js';
import type { Cluster, StoredDocument, StoredEvent } from '../store/types.js';

export type Cell = string | number | null | undefined;

/** Tab-separated formats have no quoting: tabs and line breaks inside a value become spaces. */
export function tsvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  return String(v).replace(/[\t\r\n]+/g, ' ');
}

export function tsvRow(cells: Cell[]): string {
  return cells.map(tsvCell).join('\t');
}

let countryNames: Map<string, string> | null = null;

/** Country name for an ISO3/CAMEO country code (world-countries); the code itself when unknown. */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  if (!countryNames) {
    const require = createRequire(import.meta.url);
    const list = require('world-countries') as { cca3: string; name: { common: string } }[];
    countryNames = new Map(list.map((c) => [c.cca3, c.name.common]));
  }
  return countryNames.get(code) ?? code;
}

const compact = (date: string) => date.replace(/-/g, '');

/** GDELT's FractionDate: YYYY + (MONTH * 30 + DAY) / 365, four decimals. */
export function fractionDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return (y + (m * 30 + d) / 365).toFixed(4);
}

/** ISO timestamp → YYYYMMDDHHMMSS (UTC), GDELT's DATEADDED. */
export function stamp(iso: string): string {
  return iso.replace(/[-:T]/g, '').slice(0, 14);
}

const nameOf = (a: EventActor | null) => (a ? a.name ?? a.text : null);

/** PentaClass of Phoenix: 0 neutral (01–02), 1 verbal cooperation (03–05), 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export function pentaClass(cameoRoot: string): number {
  const r = parseInt(cameoRoot, 10);
  if (r <= 2) return 0;
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}

/** GDELT geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state. */
function gdeltGeoType(l: EventLocation): number | null {
  const us = l.country === 'USA';
  if (l.precision === 'country') return 1;
  if (l.precision === 'admin1') return us ? 2 : 5;
  if (l.precision === 'city') return us ? 3 : 4;
  return null;
}

const unique = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];

function gdeltActor(a: EventActor | null): Cell[] {
  return [a?.code, nameOf(a), a?.country, null, null, null, null, a?.sector, null, null];
}

export function gdeltRow(c: Cluster, docs: StoredDocument[]): Cell[] {
  const e = c.representative!;
  const l = e.location;
  const first = docs[0];
  return [
    c.id, compact(e.date), compact(e.date).slice(0, 6), e.date.slice(0, 4), fractionDate(e.date),
    ...gdeltActor(e.source), ...gdeltActor(e.target),
    e.sentence === 0 ? 1 : 0, e.cameo, e.cameo.slice(0, 3), e.cameo_root, e.quad_class, e.goldstein,
    c.mentions, c.sources, c.documents, null,
    null, null, null, null, null, null, null, null,
    null, null, null, null, null, null, null, null,
    l ? gdeltGeoType(l) : null, l?.name, null, null, null, l?.lat, l?.lon, null,
    first ? stamp(first.added_at) : null, first?.url,
  ];
}

export function phoenixRow(c: Cluster, docs: StoredDocument[]): Cell[] {
  const e = c.representative!;
  const l = e.location;
  const [y, m, d] = e.date.split('-');
  const actor = (a: EventActor | null): Cell[] => [a?.code, a ? a.country ?? a.code?.slice(0, 3) : null, a?.sector, null];
  return [
    c.id, compact(e.date), y, m, d,
    ...actor(e.source), ...actor(e.target),
    e.cameo, e.cameo_root, pentaClass(e.cameo_root), e.goldstein, null,
    l?.lat, l?.lon, l?.name, l?.admin1, l?.country, `${e.doc_id}_${e.sentence}`,
    unique(docs.map((x) => x.url)).join(';'), unique(docs.map((x) => x.source)).join(';'),
  ];
}

function place(l: EventLocation | null) {
  return {
    city: l?.precision === 'city' ? l.name : null,
    province: l ? l.admin1 ?? (l.precision === 'admin1' ? l.name : null) : null,
    country: countryName(l?.country),
  };
}

export function icewsRow(e: StoredEvent, doc: StoredDocument | null): Cell[] {
  const p = place(e.location);
  return [
    e.store.id, e.date, nameOf(e.source), e.source.sector, countryName(e.source.country),
    cameoInfo(e.cameo)?.name ?? null, e.cameo, e.goldstein,
    nameOf(e.target), e.target?.sector, countryName(e.target?.country),
    e.doc_id, e.sentence + 1, doc?.source,
    p.city, null, p.province, p.country, e.location?.lat, e.location?.lon,
  ];
}

export function polecatRow(e: StoredEvent, doc: StoredDocument | null, version: string): Cell[] {
  const p = place(e.location);
  const actor = (a: EventActor | null): Cell[] => [nameOf(a), a?.country, null, a?.sector, a?.sector, null, a?.text, null];
  return [
    e.store.id, e.date, e.plover.type, e.plover.mode, null, e.quad_class, e.plover.context.join(';'),
    ...actor(e.source), ...actor(e.target),
    e.location?.name, p.city, null, p.province, e.location?.country, e.location?.lat, e.location?.lon, null, e.location?.name,
    null, doc?.source, doc?.date, null, null, null, 'en', version,
  ];
}
