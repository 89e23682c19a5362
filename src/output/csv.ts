import type { Event } from '../core/event.js';

/** The flat CSV columns of `dyad code --format csv` (docs/schema.md). */
export const CSV_COLUMNS = [
  'id', 'doc_id', 'sentence', 'date', 'date_precision',
  'source_text', 'source_code', 'source_country', 'source_sector', 'source_name',
  'target_text', 'target_code', 'target_country', 'target_sector', 'target_name',
  'cameo', 'cameo_root', 'quad_class', 'goldstein', 'plover_type', 'plover_mode', 'plover_context',
  'location_name', 'location_country', 'location_lat', 'location_lon',
  'negated', 'conditional', 'quote', 'speaker', 'confidence', 'evidence_start', 'evidence_end', 'evidence_text',
] as const;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: unknown[]): string {
  return cells.map(csvCell).join(',');
}

export function eventToCsv(e: Event): string {
  return csvRow([
    e.id, e.doc_id, e.sentence, e.date, e.date_precision,
    e.source.text, e.source.code, e.source.country, e.source.sector, e.source.name,
    e.target?.text, e.target?.code, e.target?.country, e.target?.sector, e.target?.name,
    e.cameo, e.cameo_root, e.quad_class, e.goldstein, e.plover.type, e.plover.mode, e.plover.context.join(';'),
    e.location?.name, e.location?.country, e.location?.lat, e.location?.lon,
    e.negated, e.conditional, e.quote, e.speaker, e.confidence, e.evidence.start, e.evidence.end, e.evidence.text,
  ]);
}
