import type { Doc } from '../core/doc.js';

/**
 * Named actors the dictionaries do not know: mentions kept with code null and a name (never dropped or
 * guessed), outside place phrases, known places and discarded sentences. `dyad code --unknown-actors` counts them.
 */
export function unknownActors(doc: Doc): string[] {
  const out: string[] = [];
  for (const m of doc.mentions) {
    if (m.code || !m.name || m.kind === 'pronoun' || m.locative || m.coref) continue;
    if (doc.discarded.has(doc.tokens[m.start].sent)) continue;
    // a place the gazetteer knows ("shelled Kharkiv") is not a missing actor
    if (doc.places?.some((p) => p.start < m.end && p.end > m.start)) continue;
    out.push(m.name);
  }
  return out;
}
