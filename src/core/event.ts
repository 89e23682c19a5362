/** The public event schema (docs/schema.md). Fields may be added, never renamed. */

export interface EventActor {
  text: string;
  code: string | null;
  country: string | null;
  sector: string | null;
  name: string | null;
}

export interface PloverInfo {
  type: string | null;
  mode: string | null;
  context: string[];
}

export interface EventLocation {
  name: string;
  country: string | null;
  admin1?: string | null;
  lat: number | null;
  lon: number | null;
  precision?: 'city' | 'admin1' | 'country';
}

export interface Evidence {
  start: number;
  end: number;
  text: string;
  /** only when the input was HTML: the range of the original HTML the evidence was extracted from */
  source_start?: number;
  source_end?: number;
}

/** Why an event was coded; only present with --explain. */
export interface Explanation {
  pattern: string;
  pattern_source: string;
  rules: string[];
  source_entries: string[];
  target_entries: string[];
}

export type DatePrecision = 'day' | 'month' | 'year';

export interface Event {
  id: string;
  doc_id: string;
  sentence: number;
  date: string;
  date_precision: DatePrecision;
  source: EventActor;
  target: EventActor | null;
  cameo: string;
  cameo_root: string;
  quad_class: 1 | 2 | 3 | 4;
  goldstein: number;
  plover: PloverInfo;
  location: EventLocation | null;
  negated: boolean;
  conditional: boolean;
  quote: boolean;
  speaker: string | null;
  confidence: number;
  evidence: Evidence;
  explain?: Explanation;
}

/** Quad class of a CAMEO code from its root: 01–05 verbal coop, 06–08 material coop, 09–13 verbal conflict, 14–20 material conflict. */
export function quadClassOf(code: string): 1 | 2 | 3 | 4 {
  const root = parseInt(code.slice(0, 2), 10);
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}
