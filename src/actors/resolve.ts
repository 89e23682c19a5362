import type { Doc, ActorMention, Chunk, ActorKind } from '../core/doc.js';
import type { ActorDictionary } from './dictionary.js';
import type { LexValue } from './lexicon.js';
import { codeOn, splitCode } from './model.js';

/** prepositions that make their object a place rather than an actor */
export const LOCATIVE_PREPS = new Set(['in', 'at', 'near', 'inside', 'outside', 'around', 'across', 'throughout', 'within', 'off', 'beyond']);

/** capitalised words that are not names */
const NOT_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'the', 'a', 'an',
  'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'gen', 'gen.', 'sen', 'sen.', 'rep', 'rep.', 'i',
]);

/** sectors whose code a group keeps when its "forces"/"fighters" are named ("Haftar's forces" stays LBYREB) */
const ARMED_NONSTATE = new Set(['REB', 'INS', 'SEP', 'MIL', 'UAF']);

interface Found {
  start: number;
  end: number;
  value: LexValue;
  phrase: string;
}

function scan(doc: Doc, dict: ActorDictionary, start: number, end: number): Found[] {
  const out: Found[] = [];
  const tokens = doc.tokens;
  let k = start;
  while (k < end) {
    const m = dict.lexicon.matchAt(tokens, k, end);
    if (m) {
      out.push({ start: k, end: m.end, value: m.value, phrase: m.phrase });
      k = m.end;
    } else k++;
  }
  return out;
}

/** Unknown capitalised name words in a range (a person or group we have no entry for). */
function unknownName(doc: Doc, start: number, end: number, covered: (k: number) => boolean): { start: number; end: number } | null {
  let a = -1, b = -1;
  for (let k = start; k < end; k++) {
    const t = doc.tokens[k];
    const isName = t.pos === 'PROPN' && /^[A-Z]/.test(t.text) && !NOT_NAMES.has(t.lower) && !covered(k);
    if (isName) {
      if (a < 0) a = k;
      b = k + 1;
    } else if (a >= 0 && t.text !== '-' && t.text !== '.') {
      break;
    }
  }
  return a >= 0 ? { start: a, end: b } : null;
}

/**
 * Resolve the actor an NP names: a dictionary entry (person, group, IGO, country/demonym/capital), composed
 * with the sector of an agent word ("Turkish troops" → TURMIL, "Turkey's defence minister" → TURGOV), or an
 * agent alone, or an unknown name (kept with code null).
 */
export function resolveNp(doc: Doc, dict: ActorDictionary, ch: Chunk, extendTo: number): ActorMention | null {
  const found = scan(doc, dict, ch.start, extendTo);
  const entries = found.filter((f) => f.value.type === 'entry');
  const agents = found.filter((f) => f.value.type === 'agent');
  const covered = (k: number) => found.some((f) => k >= f.start && k < f.end);
  const name = unknownName(doc, ch.start, ch.end, covered);
  const locative = ch.prep !== undefined && LOCATIVE_PREPS.has(doc.tokens[ch.prep].lower);
  if (!entries.length && !agents.length && !name) return null;

  // the strongest entry: person/group > igo > country
  const rank = (f: Found) => {
    const e = f.value.type === 'entry' ? dict.entries[f.value.entryIndex] : null;
    if (!e) return 0;
    return e.kind === 'person' || e.kind === 'group' ? 3 : e.kind === 'igo' ? 2 : 1;
  };
  const pickBest = (list: Found[]) => list.slice().sort((a, b) => rank(b) - rank(a))[0];
  // agent: the highest priority, ties to the last (the head)
  let agent: Found | null = null;
  for (const a of agents) {
    if (a.value.type !== 'agent') continue;
    if (!agent || (agent.value.type === 'agent' && a.value.priority >= agent.value.priority)) agent = a;
  }
  const agentSector = agent && agent.value.type === 'agent' ? agent.value.sector : null;
  const spanStart = Math.min(...found.map((f) => f.start), name ? name.start : Infinity);
  const spanEnd = Math.max(...found.map((f) => f.end), name ? name.end : -Infinity);
  const mention: ActorMention = {
    start: spanStart,
    end: spanEnd,
    text: doc.spanText(spanStart, spanEnd),
    code: null,
    country: null,
    sector: null,
    name: name ? doc.spanText(name.start, name.end) : null,
    kind: 'unknown',
    entries: [],
    confidence: 0.5,
    locative,
    agents: agent ? [agent.phrase] : [],
  };
  // a person with no code on this date still resolves through a title in the same NP ("Turkey's defence minister X")
  let best = pickBest(entries);
  if (best && best.value.type === 'entry') {
    const e0 = dict.entries[best.value.entryIndex];
    if ((e0.kind === 'person' || e0.kind === 'group') && !codeOn(e0, doc.date)) {
      const title = entries.find((f) => f.value.type === 'entry' && dict.entries[f.value.entryIndex].kind === 'country');
      if (title && agentSector) {
        mention.entries.push(`${e0.id} (${e0.origin}) has no code on ${doc.date}; resolved by title`);
        mention.name = e0.label;
        best = title;
      }
    }
  }
  if (best && best.value.type === 'entry') {
    const e = dict.entries[best.value.entryIndex];
    const dc = codeOn(e, doc.date);
    mention.entries.push(`${e.id} (${e.origin})${dc && (dc.from || dc.to) ? ` [${dc.code} ${dc.from ?? ''}..${dc.to ?? ''}]` : ''}`);
    let kind: ActorKind = e.kind;
    if (best.value.role === 'capital') kind = 'capital';
    mention.kind = kind;
    if (dc) {
      const { country, sector } = splitCode(dc.code);
      let code = dc.code;
      let sec = sector;
      if (e.kind === 'country') {
        if (agentSector) { code = dc.code + agentSector; sec = agentSector; }
        else if (best.value.role === 'capital' && !locative) { code = dc.code + 'GOV'; sec = 'GOV'; }
      } else if ((e.kind === 'person' || e.kind === 'group') && agentSector && sector && !ARMED_NONSTATE.has(sector) && country) {
        // "Erdogan's troops": the person's country with the agent's sector
        if (ch.possessor !== undefined && best.end <= ch.possessor + 1 && agentSector !== sector) { code = country + agentSector; sec = agentSector; }
      }
      mention.code = code;
      mention.country = e.kind === 'igo' ? null : country;
      mention.sector = sec;
      mention.confidence = 0.9;
    }
    if (e.kind === 'person') mention.name = e.label;
    else if (mention.kind === 'country' && mention.name && mention.entries.some((x) => x.includes('resolved by title'))) { /* keep the person's name */ }
    else if (e.kind === 'group') mention.name = e.label;
    else if (name && e.kind === 'country' && agentSector) mention.name = mention.name; // "defence minister Hulusi Akar"
    else if (e.kind === 'country' || e.kind === 'igo') mention.name = name ? mention.name : null;
  } else if (agentSector) {
    mention.kind = 'agent';
    mention.sector = agentSector;
    mention.confidence = 0.4;
  }
  if (agent) mention.entries.push(`agent '${agent.phrase}' → ${agentSector}`);
  return mention;
}
