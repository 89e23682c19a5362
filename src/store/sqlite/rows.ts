/** Mapping between public Event objects and rows of the `events` table. */
import type { Event, EventLocation } from '../../core/event.js';
import type { StoredEvent } from '../types.js';

const KNOWN_TOP = new Set([
  'id', 'doc_id', 'sentence', 'date', 'date_precision', 'source', 'target', 'cameo', 'cameo_root', 'quad_class',
  'goldstein', 'plover', 'location', 'negated', 'conditional', 'quote', 'speaker', 'confidence', 'evidence', 'explain',
]);
const KNOWN_NESTED: Record<string, Set<string>> = {
  source: new Set(['text', 'code', 'country', 'sector', 'name']),
  target: new Set(['text', 'code', 'country', 'sector', 'name']),
  plover: new Set(['type', 'mode', 'context']),
  location: new Set(['name', 'country', 'admin1', 'lat', 'lon', 'precision']),
  evidence: new Set(['start', 'end', 'text']),
};

/**
 * Fields the schema gains later ("fields may be added, never renamed") are kept in a JSON `extra` column,
 * so a store written by a newer coder still round-trips them.
 */
export function extraOf(e: Event): string | null {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (!KNOWN_TOP.has(k)) { extra[k] = v; continue; }
    const known = KNOWN_NESTED[k];
    if (known && v && typeof v === 'object') {
      const sub: Record<string, unknown> = {};
      for (const [sk, sv] of Object.entries(v as Record<string, unknown>)) if (!known.has(sk)) sub[sk] = sv;
      if (Object.keys(sub).length) extra[k] = sub;
    }
  }
  return Object.keys(extra).length ? JSON.stringify(extra) : null;
}

const b = (x: boolean) => (x ? 1 : 0);

/** Named parameters for the INSERT into `events` (doc, sentence id, mentions and cluster are added by the caller). */
export function eventParams(e: Event): Record<string, unknown> {
  const t = e.target;
  const l = e.location;
  return {
    uid: e.id,
    sentence: e.sentence,
    date: e.date,
    date_precision: e.date_precision,
    source_text: e.source.text,
    source_code: e.source.code,
    source_country: e.source.country,
    source_sector: e.source.sector,
    source_name: e.source.name,
    has_target: b(t !== null),
    target_text: t?.text ?? null,
    target_code: t?.code ?? null,
    target_country: t?.country ?? null,
    target_sector: t?.sector ?? null,
    target_name: t?.name ?? null,
    cameo: e.cameo,
    cameo_root: e.cameo_root,
    quad_class: e.quad_class,
    goldstein: e.goldstein,
    plover_type: e.plover.type,
    plover_mode: e.plover.mode,
    plover_context: JSON.stringify(e.plover.context ?? []),
    location_name: l?.name ?? null,
    location_country: l?.country ?? null,
    location_admin1: l?.admin1 ?? null,
    location_lat: l?.lat ?? null,
    location_lon: l?.lon ?? null,
    location_precision: l?.precision ?? null,
    negated: b(e.negated),
    conditional: b(e.conditional),
    quote: b(e.quote),
    speaker: e.speaker,
    confidence: e.confidence,
    evidence_start: e.evidence.start,
    evidence_end: e.evidence.end,
    evidence_text: e.evidence.text,
    explain: e.explain ? JSON.stringify(e.explain) : null,
    extra: extraOf(e),
  };
}

/** Columns to select for rowToEvent (events aliased `e`, documents `d`). */
export const EVENT_COLUMNS = 'e.*, d.ext_id AS ext_id, d.source AS doc_source';

type Row = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function rowToEvent(r: Row): StoredEvent {
  let location: EventLocation | null = null;
  if (r.location_name !== null && r.location_name !== undefined) {
    location = { name: String(r.location_name), country: s(r.location_country), lat: r.location_lat as number | null, lon: r.location_lon as number | null };
    if (r.location_admin1 !== null) location.admin1 = s(r.location_admin1);
    if (r.location_precision !== null) location.precision = r.location_precision as EventLocation['precision'];
  }
  const e: StoredEvent = {
    id: String(r.uid),
    doc_id: String(r.ext_id),
    sentence: r.sentence as number,
    date: String(r.date),
    date_precision: r.date_precision as Event['date_precision'],
    source: { text: String(r.source_text), code: s(r.source_code), country: s(r.source_country), sector: s(r.source_sector), name: s(r.source_name) },
    target: r.has_target
      ? { text: String(r.target_text), code: s(r.target_code), country: s(r.target_country), sector: s(r.target_sector), name: s(r.target_name) }
      : null,
    cameo: String(r.cameo),
    cameo_root: String(r.cameo_root),
    quad_class: r.quad_class as Event['quad_class'],
    goldstein: r.goldstein as number,
    plover: { type: s(r.plover_type), mode: s(r.plover_mode), context: JSON.parse(String(r.plover_context)) as string[] },
    location,
    negated: !!r.negated,
    conditional: !!r.conditional,
    quote: !!r.quote,
    speaker: s(r.speaker),
    confidence: r.confidence as number,
    evidence: { start: r.evidence_start as number, end: r.evidence_end as number, text: String(r.evidence_text) },
    store: { id: r.id as number, doc: r.doc_id as number, cluster: (r.cluster_id as number | null) ?? null, mentions: r.n_mentions as number,
      source: s(r.doc_source) },
  };
  if (r.explain) e.explain = JSON.parse(String(r.explain));
  if (r.extra) mergeExtra(e as unknown as Record<string, unknown>, JSON.parse(String(r.extra)) as Record<string, unknown>);
  return e;
}

function mergeExtra(e: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(extra)) {
    if (KNOWN_NESTED[k] && e[k] && typeof e[k] === 'object') Object.assign(e[k] as object, v);
    else e[k] = v;
  }
}
