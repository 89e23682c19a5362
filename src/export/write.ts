/** Stream a store's events (or clusters) out in one of the export formats. */
import { CSV_COLUMNS, csvRow, eventToCsv } from '../output/csv.js';
import type { EventFilter, EventStore, StoredDocument } from '../store/types.js';
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
      const docs = store.clusterDocuments(c.id);
      yield tsvRow(o.format === 'gdelt' ? gdeltRow(c, docs) : phoenixRow(c, docs));
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
    switch (o.format) {
      case 'jsonl': yield JSON.stringify(e); break;
      case 'csv': yield `${eventToCsv(e)},${csvRow([e.store.id, e.store.mentions, e.store.cluster])}`; break;
      case 'icews': yield tsvRow(icewsRow(e, docOf(e.store.doc))); break;
      case 'polecat': yield tsvRow(polecatRow(e, docOf(e.store.doc), EXPORT_VERSION)); break;
      default: break;
    }
  }
  return n;
}
