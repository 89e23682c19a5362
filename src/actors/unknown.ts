import type { Doc } from '../core/doc.js';

/**
 * Named actors the dictionaries do not know: mentions kept with code null and a name (never dropped or
 * guessed), outside place phrases and discarded sentences. `dyad code --unknown-actors` counts them.
 */
export function unknownActors(doc: Doc): string[] {
  const out: string[] = [];
  for (const m of doc.mentions) {
    if (m.code || !m.name || m.kind === 'pronoun' || m.locative || m.coref) continue;
    if (doc.discarded.has(doc.tokens[m.start].sent)) continue;
    out.push(m.name);
  }
  return out;
}
