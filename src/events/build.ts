import type { Doc, ActorMention } from '../core/doc.js';
import type { Event, EventActor, Explanation } from '../core/event.js';
import { quadClassOf } from '../core/event.js';
import { cameoInfo, ploverOverride } from './cameo.js';

export interface Draft {
  sent: number;
  clause: number;
  code: string;
  source: ActorMention;
  target: ActorMention | null;
  /** token range the evidence must cover */
  from: number;
  to: number;
  negated: boolean;
  conditional: boolean;
  quote: boolean;
  speaker: string | null;
  confidence: number;
  pattern: string;
  patternOrigin: string;
  rules: string[];
}

export function actorOut(m: ActorMention): EventActor {
  return { text: m.text, code: m.code, country: m.country, sector: m.sector, name: m.name };
}

/** char range of a token range, trimmed of trailing commas/quotes */
function evidence(doc: Doc, from: number, to: number): { start: number; end: number; text: string } {
  let b = to;
  while (b - 1 > from && /^[,;:"“”'’)-]$/.test(doc.tokens[b - 1].text)) b--;
  let a = from;
  while (a < b - 1 && /^[,;:"“”'‘(-]$/.test(doc.tokens[a].text)) a++;
  const start = doc.tokens[a].start;
  const end = doc.tokens[b - 1].end;
  return { start, end, text: doc.text.slice(start, end) };
}

/** Turn a draft into a public Event (codes, quad class, Goldstein, PLOVER, evidence). */
export function finish(doc: Doc, d: Draft, n: number, explain: boolean, anyCode = false): Event | null {
  const info = cameoInfo(d.code) ?? (anyCode ? { code: d.code, name: '', goldstein: 0, plover: { type: null, mode: null, context: [] } } : null);
  if (!info) return null;
  const ev: Event = {
    id: `${doc.id}:${d.sent}:${n}`,
    doc_id: doc.id,
    sentence: d.sent,
    date: doc.date,
    date_precision: 'day',
    source: actorOut(d.source),
    target: d.target ? actorOut(d.target) : null,
    cameo: d.code,
    cameo_root: d.code.slice(0, 2),
    quad_class: quadClassOf(d.code),
    goldstein: info.goldstein,
    plover: ploverOverride(d.code, d.pattern) ?? { type: info.plover.type, mode: info.plover.mode, context: [...info.plover.context] },
    location: null,
    negated: d.negated,
    conditional: d.conditional,
    quote: d.quote,
    speaker: d.speaker,
    confidence: Math.round(d.confidence * 100) / 100,
    evidence: evidence(doc, d.from, d.to),
  };
  if (explain) {
    const x: Explanation = {
      pattern: d.pattern,
      pattern_source: d.patternOrigin,
      rules: d.rules,
      source_entries: d.source.entries,
      target_entries: d.target ? d.target.entries : [],
    };
    ev.explain = x;
  }
  return ev;
}
