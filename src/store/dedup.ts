/**
 * Event deduplication, explainable.
 * - Within one article: repeated mentions of one event (same source code, target code, CAMEO code, date and
 *   location name) collapse into one event with several mentions.
 * - Across articles: events with the same key on the same day form a cluster (GDELT's "mentions" idea);
 *   each cluster keeps its member events and the key fields it merged on.
 */
import type { Event } from '../core/event.js';
import type { ClusterKey, CodedEventInput } from './types.js';

/** The key fields, in order, shown to users as the reason two events were merged. */
export const MERGE_FIELDS = ['date', 'source.code', 'target.code', 'cameo', 'location.name'] as const;

export function clusterKeyOf(e: Event): ClusterKey {
  return {
    date: e.date,
    source: e.source.code ?? null,
    target: e.target?.code ?? null,
    cameo: e.cameo,
    location: e.location?.name ?? null,
  };
}

/** A string form of the key; null parts are empty. Used to group. */
export function keyString(k: ClusterKey): string {
  return [k.date, k.source ?? '', k.target ?? '', k.cameo, k.location ?? ''].join('\u0001');
}

/**
 * Collapse one article's events: the first event of each key is kept (its fields and evidence), later ones
 * become extra mentions of it. Events whose source code is unresolved are never merged (they might be
 * different actors). Order of first appearance is kept.
 */
export function collapseMentions(events: Event[]): CodedEventInput[] {
  const byKey = new Map<string, CodedEventInput>();
  const out: CodedEventInput[] = [];
  for (const e of events) {
    const mention = { sentence: e.sentence, evidence: { ...e.evidence }, confidence: e.confidence, uid: e.id };
    const mergeable = e.source.code !== null && (e.target === null || e.target.code !== null);
    const k = mergeable ? keyString(clusterKeyOf(e)) + (e.negated ? '\u0001neg' : '') : null;
    const hit = k === null ? undefined : byKey.get(k);
    if (hit) {
      hit.mentions.push(mention);
      continue;
    }
    const item: CodedEventInput = { event: e, mentions: [mention] };
    if (k !== null) byKey.set(k, item);
    out.push(item);
  }
  return out;
}
