/** Stream a store's events (or clusters) out in one of the export formats. */
import { CSV_COLUMNS, csvRow, eventToCsv } from '../output/csv.js';
import type { AsyncEventStore, Cluster, EventFilter, EventStore, StoredDocument, StoredEvent } from '../store/types.js';
import { FORMATS, type ExportFormat } from './columns.js';
import { gdeltRow, icewsRow, phoenixRow, polecatRow, tsvRow } from './rows.js';

export const EXPORT_VERSION = 'dyad 0.1.0';
export const CSV_EXTRA_COLUMNS = ['store_id', 'mentions', 'cluster_id'] as const;

export interface ExportOptions {
  format: ExportFormat;
  filter: EventFilter;
  /** write a header row (default: the format's own convention, see FORMATS) */
  header?: boolean;
  /** jsonl only: one line per cluster instead of per event */
  clusters?: boolean;
}

/** The header row of a format, or null for jsonl. */
export function headerLine(format: ExportFormat): string | null {
  if (format === 'jsonl') return null;
  if (format === 'csv') return csvRow([...CSV_COLUMNS, ...CSV_EXTRA_COLUMNS]);
  return tsvRow([...FORMATS[format].columns!]);
}

/** One event as a line of a per-event format (jsonl, csv, icews, polecat). */
function eventLine(format: ExportFormat, e: StoredEvent, doc: () => StoredDocument | null): string {
  switch (format) {
    case 'jsonl': return JSON.stringify(e);
    case 'csv': return `${eventToCsv(e)},${csvRow([e.store.id, e.store.mentions, e.store.cluster])}`;
    case 'icews': return tsvRow(icewsRow(e, doc()));
    case 'polecat': return tsvRow(polecatRow(e, doc(), EXPORT_VERSION));
    default: return '';
  }
}

/** One cluster as a line of a per-cluster format (gdelt, phoenix). */
function clusterLine(format: ExportFormat, c: Cluster, docs: StoredDocument[]): string {
  return tsvRow(format === 'gdelt' ? gdeltRow(c, docs) : phoenixRow(c, docs));
}

/** Yields the lines of the export (without newline); returns the number of rows. */
export function* exportLines(store: EventStore, o: ExportOptions): Generator<string, number> {
  const info = FORMATS[o.format];
  const header = o.header ?? info.header;
  const h = headerLine(o.format);
  if (header && h !== null) yield h;
  let n = 0;
  if (o.format === 'jsonl' && o.clusters) {
    for (const c of store.eachCluster(o.filter)) { yield JSON.stringify(c); n++; }
    return n;
  }
  if (info.unit === 'cluster') {
    for (const c of store.eachCluster(o.filter)) {
      if (!c.representative) continue;
      yield clusterLine(o.format, c, store.clusterDocuments(c.id));
      n++;
    }
    return n;
  }
  const docCache = new Map<number, StoredDocument | null>();
  const docOf = (id: number) => {
    if (!docCache.has(id)) {
      if (docCache.size > 5000) docCache.clear();
      docCache.set(id, store.document(id, false));
    }
    return docCache.get(id)!;
  };
  for (const e of store.eachEvent(o.filter)) {
    n++;
    yield eventLine(o.format, e, () => docOf(e.store.doc));
  }
  return n;
}

/** The same lines from the asynchronous interface (the PostgreSQL store). */
export async function* exportLinesAsync(store: AsyncEventStore, o: ExportOptions): AsyncGenerator<string, number> {
  const info = FORMATS[o.format];
  const header = o.header ?? info.header;
  const h = headerLine(o.format);
  if (header && h !== null) yield h;
  let n = 0;
  if (o.format === 'jsonl' && o.clusters) {
    for await (const c of store.eachCluster(o.filter)) { yield JSON.stringify(c); n++; }
    return n;
  }
  if (info.unit === 'cluster') {
    for await (const c of store.eachCluster(o.filter)) {
      if (!c.representative) continue;
      yield clusterLine(o.format, c, await store.clusterDocuments(c.id));
      n++;
    }
    return n;
  }
  const needsDoc = o.format === 'icews' || o.format === 'polecat';
  const docCache = new Map<number, StoredDocument | null>();
  for await (const e of store.eachEvent(o.filter)) {
    n++;
    if (needsDoc && !docCache.has(e.store.doc)) {
      if (docCache.size > 5000) docCache.clear();
      docCache.set(e.store.doc, await store.document(e.store.doc, false));
    }
    yield eventLine(o.format, e, () => docCache.get(e.store.doc) ?? null);
  }
  return n;
}
