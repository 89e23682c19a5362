import type { Doc, ActorMention } from '../core/doc.js';

/** prepositions that say where something happens ("in Cairo"), unlike "towards Russia" or "from Syria" */
const AT_PLACE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'throughout', 'around']);

/** the preposition governing a mention, skipping determiners and modifiers ("in the capital Cairo") */
function precedingPrep(doc: Doc, start: number): string {
  const first = doc.sentences[doc.tokens[start].sent].first;
  for (let k = start - 1; k >= first && k >= start - 4; k--) {
    const t = doc.tokens[k];
    if (t.pos === 'ADP') return t.lower;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.text === ',') break;
  }
  return '';
}

const PLURAL = new Set(['they', 'them', 'their', 'theirs']);
const PERSON = new Set(['he', 'him', 'his', 'she', 'her', 'hers']);
const THING = new Set(['it', 'its']);
const FIRST = new Set(['we', 'us', 'our', 'i', 'me', 'my']);

function compatible(p: string, m: ActorMention): boolean {
  if (!m.code) return false;
  if (PERSON.has(p)) return m.kind === 'person' || (m.name !== null && m.kind !== 'group');
  if (THING.has(p)) return m.kind === 'country' || m.kind === 'capital' || m.kind === 'igo' || m.kind === 'group' || (m.kind === 'agent' && /government|ministry|army|military|party/i.test(m.text));
  if (PLURAL.has(p)) return m.kind !== 'person';
  return false;
}

/**
 * First cut of pronoun coreference: a pronoun takes the nearest earlier compatible actor within the two
 * preceding sentences, preferring subjects. First-person pronouns inside quotes are left to the quote
 * grammar (the speaker). Each resolved mention keeps its antecedent's span.
 */
export function resolvePronouns(doc: Doc): void {
  const subjectMentions = new Set<number>();
  for (const cl of doc.clauses) for (const c of cl.subject) {
    const m = doc.chunks[c].mention;
    if (m !== undefined) subjectMentions.add(m);
  }
  for (let i = 0; i < doc.mentions.length; i++) {
    const m = doc.mentions[i];
    if (m.kind !== 'pronoun' || FIRST.has(m.text.toLowerCase())) continue;
    const p = m.text.toLowerCase();
    const sent = doc.tokens[m.start].sent;
    let pick: ActorMention | null = null;
    let pickSubject: ActorMention | null = null;
    for (let j = i - 1; j >= 0; j--) {
      const a = doc.mentions[j];
      if (doc.tokens[a.start].sent < sent - 2) break;
      if (a.kind === 'pronoun' && !a.code) continue;
      if (!compatible(p, a)) continue;
      if (!pick) pick = a;
      if (subjectMentions.has(j)) { pickSubject = a; break; }
    }
    const ante = pickSubject ?? pick;
    if (ante) {
      m.code = ante.code;
      m.country = ante.country;
      m.sector = ante.sector;
      m.name = ante.name;
      m.entries = [...ante.entries];
      m.antecedent = { start: ante.start, end: ante.end };
      m.confidence = Math.min(ante.confidence, 0.7);
    }
  }
}

/**
 * An agent without a country ("police", "protesters") takes the country of the sentence's place ("in
 * Cairo"), else the dateline's country, else the article's only country. Otherwise it stays unresolved.
 */
export function inferAgentCountries(doc: Doc, dateline: { country: string; text: string } | null = null): void {
  const countries = new Set<string>();
  for (const m of doc.mentions) if (m.country && m.kind !== 'pronoun') countries.add(m.country);
  const only = countries.size === 1 ? [...countries][0] : null;
  for (const m of doc.mentions) {
    if (m.kind !== 'agent' || m.country || !m.sector) continue;
    const sent = doc.tokens[m.start].sent;
    const place = doc.mentions.find((x) => x.locative && x.country && doc.tokens[x.start].sent === sent && (x.kind === 'country' || x.kind === 'capital') && AT_PLACE.has(precedingPrep(doc, x.start)));
    const country = place?.country ?? dateline?.country ?? only;
    if (!country) continue;
    m.country = country;
    m.code = country + m.sector;
    m.confidence = place ? 0.6 : 0.5;
    m.entries.push(place ? `country from place '${place.text}'` : dateline ? `country from the dateline '${dateline.text}'` : `country from the article's only country ${country}`);
  }
}
