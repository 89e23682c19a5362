import type { Doc, ActorMention } from '../core/doc.js';
import { clauseSubject } from '../nlp/clauses.js';
import { clauseAt } from '../core/scope.js';
import { SPEECH_VERBS, singular } from '../nlp/lexicon.js';
import { quoteSpans, insideQuote } from './quotes.js';
import { NO_COUNTRY_INFERENCE } from './resolve.js';
import { isSpace } from '../nlp/bounds.js';

const PLURAL = new Set(['they', 'them', 'their', 'theirs', 'themselves']);
const PERSON = new Set(['he', 'him', 'his', 'she', 'her', 'hers', 'himself', 'herself']);
const THING = new Set(['it', 'its', 'itself']);
export const FIRST_PERSON = new Set(['we', 'us', 'our', 'ours', 'i', 'me', 'my', 'mine', 'ourselves', 'myself']);

/** agent head words that name one person ("the minister", "the warlord") */
const HUMAN = new Set([
  'minister', 'president', 'premier', 'chancellor', 'king', 'queen', 'emir', 'sultan', 'prince', 'leader', 'spokesman',
  'spokeswoman', 'spokesperson', 'diplomat', 'ambassador', 'envoy', 'governor', 'mayor', 'general', 'commander',
  'officer', 'warlord', 'chief', 'secretary', 'lawmaker', 'senator', 'judge', 'prosecutor', 'cleric', 'imam',
  'journalist', 'activist', 'official', 'negotiator', 'monarch', 'strongman', 'dictator', 'militant', 'rebel',
]);
/** heads that may stand for an armed person: "the general", "the warlord", "the commander" */
const ARMED_TITLES = new Set(['general', 'commander', 'warlord', 'strongman', 'field marshal', 'marshal']);
const ARMED_SECTORS = new Set(['MIL', 'REB', 'INS', 'SEP', 'UAF', 'IMG']);
/** heads that stand for an organisation: "the group", "the movement", "the militia" */
const IGO_HEADS = new Set(['alliance', 'bloc', 'organisation', 'organization', 'body', 'union', 'grouping', 'agency', 'council']);
const ORG_HEADS = new Set(['group', 'movement', 'organisation', 'organization', 'militia', 'faction', 'alliance', 'coalition', 'party', 'network']);

const DETERMINERS = new Set(['the', 'this', 'that', 'these', 'those']);

interface Info {
  m: ActorMention;
  i: number;
  sent: number;
  person: boolean;
  plural: boolean;
  head: string;
  subject: boolean;
}

/**
 * Coreference within an article. Pronouns take the nearest compatible actor (subjects first, within three
 * sentences); short names take the earlier full name ("Haftar" after "Khalifa Haftar"); definite
 * descriptions ("the minister", "the warlord", "the ministry", "the Turkish minister") take the nearest
 * earlier actor with the same role; first-person pronouns inside quotes take the quote's speaker.
 * Resolved mentions copy their antecedent's code and keep its span in `antecedent`.
 */
export function resolveCoreference(doc: Doc, owners: ReadonlyMap<number, number>, compose: (mi: number, owner: ActorMention) => void): void {
  // by mention index: is it a clause subject, and the head noun of its phrase ("Afghan rebel leaders" is plural
  // though the mention ends at "rebel"; the first NP of the mention gives it)
  const n = doc.mentions.length;
  const subjects = new Array<boolean>(n).fill(false);
  // (indexed loops here and below: in this large function V8 left for-of's iterators allocated)
  const clauses = doc.clauses;
  for (let k = 0; k < clauses.length; k++) {
    const subject = clauses[k].subject;
    for (let j = 0; j < subject.length; j++) {
      const m = doc.chunks[subject[j]].mention;
      if (m !== undefined) subjects[m] = true;
    }
  }
  const heads = new Array<number>(n).fill(-1);
  const chunks = doc.chunks;
  for (let k = 0; k < chunks.length; k++) {
    const ch = chunks[k];
    if (ch.kind === 'NP' && ch.mention !== undefined && heads[ch.mention] < 0) heads[ch.mention] = ch.head;
  }
  const infos: Info[] = new Array<Info>(n);
  for (let i = 0; i < n; i++) infos[i] = info(doc, doc.mentions[i], i, subjects[i], heads[i] < 0 ? undefined : heads[i]);
  const quotes = quoteSpans(doc);
  const deferred: number[] = [];
  for (let k = 0; k < n; k++) {
    const x = infos[k];
    const m = x.m;
    if (m.kind === 'pronoun') {
      const p = x.head; // a pronoun's head is its lower-case text
      if (FIRST_PERSON.has(p)) { deferred.push(x.i); continue; }
      // an object pronoun is not its own clause's subject: "police detained dozens of them"
      const own = OBJECT_PRONOUNS.has(p) ? ownSubjects(doc, m.start) : null;
      const ante = findBack(infos, x, 3, (a) => pronounFits(p, a) && !own?.has(a.i));
      if (ante) link(m, ante.m, 'pronoun');
    } else if (m.kind === 'agent' && !m.code && isDefinite(doc, m) && !owners.has(x.i)) {
      const ante = findBack(infos, x, 8, (a) => descriptionFits(x, a));
      if (ante) link(m, ante.m, 'description');
    } else if (x.person && m.code && !m.entryId?.startsWith('person:') && isDefinite(doc, m)) {
      // "the Turkish minister" after "Turkish Foreign Minister Hakan Fidan": same code, a person
      const ante = findBack(infos, x, 8, (a) => a.person && a.m.code === m.code && !!a.m.name && a.m.kind !== 'pronoun');
      if (ante) link(m, ante.m, 'description', true);
    } else if (m.name && (m.kind === 'person' || m.kind === 'unknown')) {
      const ante = findBack(infos, x, 50, (a) => shortNameOf(a.m, m));
      if (ante) link(m, ante.m, 'name', m.kind === 'person');
    }
    const owner = owners.get(x.i);
    if (owner !== undefined && doc.mentions[owner].code) compose(x.i, doc.mentions[owner]);
  }
  // every quote keeps its speaker, for the events it contains (quote: true, speaker)
  doc.quotes = quotes.map((q) => {
    const sp = speakerOf(doc, q, infos);
    return { start: q.start, end: q.end, speaker: sp ? doc.mentions.indexOf(sp) : null };
  });
  // first-person pronouns inside a quote belong to the quote's speaker
  for (let k = 0; k < deferred.length; k++) {
    const i = deferred[k];
    const m = doc.mentions[i];
    const q = insideQuote(quotes, m.start);
    if (!q) continue;
    const speaker = speakerOf(doc, q, infos);
    if (speaker && speaker.code) link(m, speaker, 'speaker');
    const owned = [...owners].filter(([, o]) => o === i).map(([mi]) => mi);
    for (const mi of owned) if (m.code) compose(mi, m);
  }
}

const OBJECT_PRONOUNS = new Set(['them', 'him']);

/** mention indices of the subject of the innermost clause holding token k */
function ownSubjects(doc: Doc, k: number): Set<number> {
  const ci = clauseAt(doc, k);
  const best = ci >= 0 ? doc.clauses[ci] : null;
  const out = new Set<number>();
  if (!best) return out;
  for (const c of clauseSubject(doc, best.i)) {
    const mi = doc.chunks[c].mention;
    if (mi !== undefined) out.add(mi);
  }
  return out;
}

/** plural agent nouns ("protesters", "police") whatever the tagger's lemma */
const COLLECTIVE = new Set(['police', 'people', 'military', 'authorities', 'forces', 'troops']);

/** the last whitespace-separated word of s (s.split(/\s+/).pop() without the array: '' when s ends with a space) */
function lastWord(s: string): string {
  let i = s.length;
  while (i > 0 && !isSpace(s.charCodeAt(i - 1))) i--;
  return i === 0 ? s : s.slice(i);
}

const PLAIN_PLURAL = /[^s]s$/;

function info(doc: Doc, m: ActorMention, i: number, subject: boolean, phraseHead?: number): Info {
  const headTok = phraseHead !== undefined && phraseHead >= m.end && doc.tokens[phraseHead].pos === 'NOUN' ? doc.tokens[phraseHead] : doc.tokens[m.end - 1];
  if (m.kind === 'pronoun') {
    const w = m.text.toLowerCase();
    return { m, i, sent: headTok.sent, person: PERSON.has(w), plural: PLURAL.has(w), head: w, subject };
  }
  const agentHead = m.agents.length ? lastWord(m.agents[m.agents.length - 1].toLowerCase()) : '';
  const plural = (headTok.lemma !== headTok.lower && (headTok.pos === 'NOUN' || headTok.pos === 'PROPN')) || (m.agents.length > 0 && (COLLECTIVE.has(headTok.lower) || (singular(headTok.lower) !== headTok.lower && PLAIN_PLURAL.test(headTok.lower))));
  const person = m.kind === 'person' || (!!agentHead && HUMAN.has(agentHead) && !plural) || (m.kind === 'unknown' && !!m.name && !m.agents.length);
  return { m, i, sent: headTok.sent, person, plural, head: agentHead || headTok.lemma, subject };
}

function isDefinite(doc: Doc, m: ActorMention): boolean {
  for (let k = m.start - 1; k >= 0 && k >= m.start - 4; k--) {
    const t = doc.tokens[k];
    if (DETERMINERS.has(t.lower)) return true;
    if (t.pos !== 'ADJ' && t.pos !== 'PROPN' && t.pos !== 'NOUN') return false;
  }
  return false;
}

/** the nearest earlier mention satisfying `ok`, sentence by sentence, subjects first within a sentence */
function findBack(infos: Info[], x: Info, maxSents: number, ok: (a: Info) => boolean): Info | null {
  let bestInSent: Info | null = null;
  let curSent = x.sent;
  for (let j = x.i - 1; j >= 0; j--) {
    const a = infos[j];
    if (a.sent !== curSent) {
      if (bestInSent) return bestInSent;
      curSent = a.sent;
      if (x.sent - a.sent > maxSents) break;
    }
    if (a.m.start >= x.m.start) continue;
    if (!a.m.code && !(a.m.kind === 'unknown' && a.m.name)) continue;
    if (a.m.locative) continue;
    if (!ok(a)) continue;
    if (a.subject) return a;
    if (!bestInSent) bestInSent = a;
  }
  return bestInSent;
}

function pronounFits(p: string, a: Info): boolean {
  const m = a.m;
  if (!m.code) return false;
  const org = (m.kind === 'group' || m.kind === 'igo' || m.kind === 'country' || m.kind === 'capital') && !(a.plural && m.agents.length);
  if (PERSON.has(p)) return a.person;
  if (a.person) return false;
  if (THING.has(p)) return m.kind === 'pronoun' ? THING.has(a.head) : org || !a.plural;
  if (PLURAL.has(p)) return m.kind === 'pronoun' ? a.plural : org || a.plural;
  return false;
}

function descriptionFits(x: Info, a: Info): boolean {
  const m = a.m;
  if (!m.code || m.kind === 'pronoun' && !m.antecedent) return false;
  const head = x.head;
  const aText = m.text.toLowerCase();
  if (x.person) {
    if (!a.person) return false;
    if (ARMED_TITLES.has(head)) return ARMED_SECTORS.has(m.sector ?? '') || aText.includes(head);
    return (m.sector === x.m.sector && !!x.m.sector) || aText.includes(head);
  }
  // "the alliance" after NATO, "the bloc" after the EU: an international organisation named before
  if (IGO_HEADS.has(head) && m.code?.startsWith('IGO')) return true;
  if (ORG_HEADS.has(head)) return m.kind === 'group' || aText.includes(head);
  if (x.plural) return !a.person && (m.sector === x.m.sector || aText.includes(head));
  // "the ministry", "the army": an organisation of the same sector, or one named with the same word
  return !a.person && (aText.includes(head) || (m.sector === x.m.sector && m.kind !== 'country'));
}

function shortNameOf(a: ActorMention, m: ActorMention): boolean {
  if (!a.name || a === m || a.kind === 'pronoun') return false;
  if (a.entryId && a.entryId === m.entryId) return a.text.length > m.text.length;
  if (m.kind !== 'unknown' || a.kind !== 'unknown' && a.kind !== 'person') return false;
  const full = a.name.split(/\s+/);
  const short = m.name!.split(/\s+/);
  if (short.length >= full.length) return false;
  const tail = full.slice(full.length - short.length).join(' ').toLowerCase().replace(/^(al|el)-/, '');
  return tail === short.join(' ').toLowerCase().replace(/^(al|el)-/, '') || full[full.length - 1].toLowerCase().endsWith('-' + short[short.length - 1].toLowerCase());
}

function link(m: ActorMention, ante: ActorMention, how: ActorMention['coref'], keepCode = false): void {
  const root = ante.antecedent && ante.coref ? ante.antecedent : { start: ante.start, end: ante.end };
  if (!keepCode) {
    m.code = ante.code;
    m.country = ante.country;
    m.sector = ante.sector;
    m.confidence = Math.min(ante.confidence, 0.75);
  }
  m.name = ante.name ?? m.name;
  if (ante.entryId) m.entryId = ante.entryId;
  m.antecedent = root;
  m.coref = how;
  m.entries = [`${how} → '${ante.text}'`, ...ante.entries.filter((e) => !e.startsWith(`${how} →`))];
}

/** The speaker of a quote: the subject of a speech verb outside the quote in its sentence, or the next/previous one. */
function speakerOf(doc: Doc, q: { start: number; end: number }, infos: Info[]): ActorMention | null {
  const sents = [doc.tokens[q.end - 1].sent, doc.tokens[q.end - 1].sent + 1, doc.tokens[q.start].sent, doc.tokens[q.start].sent - 1];
  for (const [n, s] of sents.entries()) {
    for (const cl of doc.clauses) {
      if (cl.sent !== s || cl.verb === null) continue;
      const vg = doc.verbs[cl.verb];
      if (!SPEECH_VERBS.has(vg.lemma) || (vg.head >= q.start && vg.head < q.end)) continue;
      for (const c of clauseSubject(doc, cl.i)) {
        const mi = doc.chunks[c].mention;
        if (mi === undefined) continue;
        const m = infos[mi].m;
        if (m.start >= q.start && m.end <= q.end) continue;
        // a speaker named in the quote's own sentence is the speaker, resolved or not ("…," a spokesman said)
        if (m.code || n === 0) return m;
      }
    }
  }
  return null;
}

/** prepositions that say where something happens ("in Cairo"), unlike "towards Russia" or "from Syria" */
const AT_PLACE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'throughout', 'around']);

/**
 * "Israel's prime minister told parliament that the army would keep fighting": an agent in a clause reported
 * by a speaker with a country (or the speaker's own object, "told parliament") is of that country.
 */
function speakerCountry(doc: Doc, m: ActorMention): string | null {
  let ci = clauseAt(doc, m.start);
  for (let hops = 0; ci >= 0 && hops < 4; hops++) {
    const cl = doc.clauses[ci];
    if (cl.verb !== null && SPEECH_VERBS.has(doc.verbs[cl.verb].lemma)) {
      for (const c of clauseSubject(doc, cl.i)) {
        const sm = doc.chunks[c].mention !== undefined ? doc.mentions[doc.chunks[c].mention!] : null;
        if (sm && sm !== m && sm.country && sm.kind !== 'pronoun') return sm.country;
      }
      return null;
    }
    if (cl.kind !== 'complement' || cl.parent === null) return null;
    ci = cl.parent;
  }
  return null;
}

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

/** per sentence, the first place something is "in": a country or capital mention, else a place from the gazetteer */
function placesBySentence(doc: Doc): Map<number, { country: string | null; text: string }> {
  const placeOf = new Map<number, { country: string | null; text: string }>();
  for (const x of doc.mentions) {
    const s = doc.tokens[x.start].sent;
    if (!placeOf.has(s) && x.locative && x.country && (x.kind === 'country' || x.kind === 'capital') && AT_PLACE.has(precedingPrep(doc, x.start))) placeOf.set(s, x);
  }
  // a sentence with no such mention: its first gazetteer place (set in the same map: a sentence that has an entry
  // by now has it from a mention or from an earlier place, and keeps it either way)
  for (const p of doc.places) {
    const s = doc.tokens[p.start].sent;
    if (!placeOf.has(s) && p.country && AT_PLACE.has(precedingPrep(doc, p.start))) placeOf.set(s, p);
  }
  return placeOf;
}

/**
 * An agent without a country ("police", "protesters") takes the country of the sentence's place ("in
 * Cairo"), else the dateline's country, else the article's only country. Otherwise it stays unresolved.
 */
/**
 * Countries for agent mentions without one, from a place in the sentence, the dateline or the article's only
 * country. `indefiniteOnly`: only bare agents ("protesters", "police"), not definite descriptions ("the
 * minister"), which coreference resolves first — run so before coreference, to give plural pronouns
 * ("detained dozens of them") their antecedents' countries, and once more after it.
 */
export function inferAgentCountries(doc: Doc, dateline: { country: string; text: string } | null = null, indefiniteOnly = false): void {
  // the article's only country (before this pass gives agents theirs): null when none or several
  let only: string | null = null;
  for (const m of doc.mentions) {
    if (!m.country || m.kind === 'pronoun' || m.backedBy) continue;
    if (only === null) only = m.country;
    else if (only !== m.country) { only = null; break; }
  }
  // per sentence, the first place something is "in": a country or capital mention, else a city or region
  // from the gazetteer ("gunmen shot dead a police officer in Peshawar"); one pass each, not one per agent
  // (made on first need: most passes have no agent to give a country)
  let placeOf: Map<number, { country: string | null; text: string }> | null = null;
  const mentions = doc.mentions;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    if (m.kind !== 'agent' || m.country || !m.sector || m.coref || NO_COUNTRY_INFERENCE.has(m)) continue;
    if (indefiniteOnly && isDefinite(doc, m)) continue;
    placeOf ??= placesBySentence(doc);
    const place = placeOf.get(doc.tokens[m.start].sent);
    const country = place?.country ?? speakerCountry(doc, m) ?? dateline?.country ?? only;
    if (!country) continue;
    m.country = country;
    m.code = country + m.sector;
    m.confidence = place ? 0.6 : 0.5;
    m.entries.push(place ? `country from place '${place.text}'` : dateline ? `country from the dateline '${dateline.text}'` : `country from the article's only country ${country}`);
  }
}
