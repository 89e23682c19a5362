import type { Doc, ActorMention, Chunk, ActorKind, Token } from '../core/doc.js';
import { newMention } from '../core/doc.js';
import type { ActorDictionary } from './dictionary.js';
import type { LexMatch } from './lexicon.js';
import type { ActorEntry, DatedCode } from './model.js';
import { codeOn, splitCode } from './model.js';
import { unknownName, NOT_NAMES } from './names.js';
import { keyOf } from './normalize.js';
import { startsUpper } from '../core/text.js';

/** prepositions that make their object a place rather than an actor */
export const LOCATIVE_PREPS = new Set(['in', 'at', 'near', 'inside', 'outside', 'around', 'across', 'throughout', 'within', 'off', 'beyond']);

/** sectors whose code a group keeps when its "forces"/"fighters" are named ("Haftar's forces" stays LBYREB) */
const ARMED_NONSTATE = new Set(['REB', 'INS', 'SEP', 'MIL', 'UAF', 'IMG']);

/** "Iranian-backed militias": the country before these words backs the actor, it is not the actor */
const BACKING = new Set(['backed', 'sponsored', 'supported', 'funded', 'armed', 'trained', 'financed', 'allied', 'aligned', 'affiliated', 'linked', 'leaning', 'friendly']);
/** "a London-based group", "Russian-born": the place says nothing about who the actor is */
const NOT_IDENTITY = new Set(['based', 'born', 'educated', 'made', 'built', 'owned', 'registered', 'flagged', 'bound']);

/** what a resolution needs besides the NP: the token where an owner phrase starts ("X's", "loyal to X") */
export interface ResolveOpts {
  /** token range of the owner phrase inside [ch.start, extendTo) */
  owner?: { start: number; end: number };
}

/** agent mentions whose country must not be guessed from the article ("Latin American leaders") */
export const NO_COUNTRY_INFERENCE = new WeakSet<ActorMention>();

const NO_SPANS: readonly LexMatch[] = [];
const NO_OPTS: ResolveOpts = {};

const rankOf = (e: ActorEntry) => (e.kind === 'person' || e.kind === 'group' ? 3 : e.kind === 'igo' ? 2 : 1);

/** sectors of an office a title can give a person ("Defence Minister X" → GOV) */
const OFFICE_SECTORS = new Set(['GOV', 'MIL', 'LEG', 'JUD', 'COP', 'SPY']);
const HYPHEN = /[-‐‑]/;
const HYPHEN_WORD = /[-‐‑](\p{L}+)$/u;
const PRO_ANTI = /^(pro|anti)[-‐]/i;
const PRO = /^pro/i;

/**
 * Resolve the actor an NP names: a dictionary entry (person, group, IGO, country/demonym/capital), composed
 * with the sector of an agent word ("Turkish troops" → TURMIL, "Turkey's defence minister" → TURGOV), or an
 * agent alone, or an unknown name (kept with code null, never guessed).
 */
export function resolveNp(doc: Doc, dict: ActorDictionary, ch: Chunk, extendTo: number, opts: ResolveOpts = NO_OPTS): ActorMention | null {
  const all = dict.lexicon.scan(doc.tokens, ch.start, extendTo);
  // most noun phrases hold no dictionary phrase: then only an unknown name can make them an actor (and that
  // name, found with no match to cover any word, is the one resolveMatches would find again)
  if (!all.length) {
    const name = unknownName(doc, ch.start, ch.end, NO_SPANS);
    return name ? resolveMatches(doc, dict, ch, opts, all, name) : null;
  }
  return resolveMatches(doc, dict, ch, opts, all, undefined);
}

/** the word glued after an entry match by a hyphen, lower case: "Iranian-backed" (three tokens) or "UN-backed" (one) */
function gluedAfter(tokens: Token[], f: LexMatch): string | undefined {
  const lastText = tokens[f.end - 1].text;
  const inTok = lastText.length > 3 && HYPHEN.test(lastText) ? HYPHEN_WORD.exec(lastText) : null;
  const hyphen = tokens[f.end]?.text === '-' && tokens[f.end].start === tokens[f.end - 1].end && tokens[f.end + 1]?.start === tokens[f.end].end;
  return inTok && !keyOf(f.phrase).endsWith(keyOf(inTok[1])) ? inTok[1].toLowerCase() : hyphen ? tokens[f.end + 1].lower : undefined;
}

/**
 * resolveNp on the dictionary matches `all` of the NP's range (`knownName`: its unknown name, when resolveNp found it). (Written without closures: it runs for every NP
 * with a match or a name, and a closure here would make every call allocate a context for the captured variables.)
 */
function resolveMatches(doc: Doc, dict: ActorDictionary, ch: Chunk, opts: ResolveOpts, all: LexMatch[], knownName: { start: number; end: number } | undefined): ActorMention | null {
  const tokens = doc.tokens;
  const notes: string[] = [];
  let backedBy: string | null = null;
  let backedByAt: { start: number; end: number } | null = null;
  // the matches that name the actor, by type, in text order (of the blocks only the first counts)
  const entries: LexMatch[] = [];
  const agents: LexMatch[] = [];
  let blockName: LexMatch | null = null;
  for (let k = 0; k < all.length; k++) {
    const f = all[k];
    if (f.value.type === 'agent') { agents.push(f); continue; }
    if (f.value.type === 'block') { blockName ??= f; continue; }
    const glued = gluedAfter(tokens, f);
    if ((glued && (BACKING.has(glued) || NOT_IDENTITY.has(glued))) || (f.partial && PRO_ANTI.test(tokens[f.start].text))) {
      const e = dict.entries[f.value.entryIndex];
      const dc = codeOn(e, doc.date);
      if ((glued && BACKING.has(glued)) || PRO.test(tokens[f.start].text)) {
        if (dc && !backedBy) { backedBy = dc.code; backedByAt = { start: f.start, end: f.end }; }
        notes.push(`'${doc.spanText(f.start, f.end)}' backs the actor (not its identity)`);
      }
      continue;
    }
    entries.push(f);
  }
  const locative = ch.prep !== undefined && LOCATIVE_PREPS.has(tokens[ch.prep].lower);
  if (!agents.length) {
    // a capital that only modifies another noun is no actor: "the Paris agreement", "the Minsk talks"
    let kept = 0;
    for (let k = 0; k < entries.length; k++) {
      const f = entries[k];
      if (f.value.type === 'entry' && f.value.role === 'capital') {
        const isHead = ch.head >= f.start && ch.head < f.end;
        const isOwner = (ch.possessor !== undefined && f.end <= ch.possessor + 1) || (opts.owner && f.start >= opts.owner.start);
        if (!isHead && !isOwner) { notes.push(`capital '${doc.spanText(f.start, f.end)}' only modifies '${tokens[ch.head].text}'`); continue; }
      }
      entries[kept++] = f;
    }
    if (kept < entries.length) entries.length = kept;
    dropCountriesInNames(doc, dict, ch, all, entries, notes);
  }
  const name = knownName ?? unknownName(doc, ch.start, ch.end, all);
  if (!entries.length && !agents.length && !name && !blockName) return null;
  // "two Patriot systems", "Iron Dome interceptors": an unknown name that only modifies a common noun is no actor
  if (!entries.length && !agents.length && !blockName && name && name.end <= ch.head && tokens[ch.head].pos === 'NOUN') return null;

  // the strongest entry: person/group > igo > country; the first among equals
  let best: LexMatch | null = null;
  for (let k = 0; k < entries.length; k++) {
    const f = entries[k];
    if (f.value.type !== 'entry') continue;
    if (!best || rankOf(dict.entries[f.value.entryIndex]) > rankOf(dict.entries[(best.value as { entryIndex: number }).entryIndex])) best = f;
  }
  // the agent: the highest priority, ties to the last (the head)
  let agent: LexMatch | null = null;
  for (let k = 0; k < agents.length; k++) {
    const a = agents[k];
    if (a.value.type !== 'agent') continue;
    if (!agent || (agent.value.type === 'agent' && a.value.priority >= agent.value.priority)) agent = a;
  }
  const agentValue = agent && agent.value.type === 'agent' ? agent.value : null;
  const former = hasFormer(doc, ch.start, agent ? agent.start + 1 : ch.end);
  const agentSector = agentValue ? (former && !agentValue.prefix ? 'ELI' : agentValue.sector) : former ? 'ELI' : null;
  // the span: every entry, the agent, the block and the name
  let spanStart = name ? name.start : Infinity;
  let spanEnd = name ? name.end : -Infinity;
  for (let k = 0; k < entries.length; k++) {
    const f = entries[k];
    spanStart = Math.min(spanStart, f.start);
    spanEnd = Math.max(spanEnd, f.end);
  }
  if (agent) {
    spanStart = Math.min(spanStart, agent.start);
    spanEnd = Math.max(spanEnd, agent.end);
  }
  if (blockName) {
    spanStart = Math.min(spanStart, blockName.start);
    spanEnd = Math.max(spanEnd, blockName.end);
  }
  const mention: ActorMention = newMention({
    start: spanStart,
    end: spanEnd,
    text: doc.spanText(spanStart, spanEnd),
    code: null,
    country: null,
    sector: null,
    name: name ? doc.spanText(name.start, name.end) : blockName && !agents.length ? blockName.phrase : null,
    kind: 'unknown',
    entries: notes,
    confidence: 0.5,
    locative,
    agents: agent ? [agent.phrase] : [],
  });
  if (backedBy) mention.backedBy = backedBy;
  if (backedByAt) mention.backedByAt = backedByAt;
  if (blockName && !best) {
    mention.entries.push(`'${blockName.phrase}' is listed as not an actor`);
    if (!agentSector) return mention;
    NO_COUNTRY_INFERENCE.add(mention); // "Latin American leaders" are not the article's country
  }
  if (best && best.value.type === 'entry') {
    let e = dict.entries[best.value.entryIndex];
    let dc = codeOn(e, doc.date);
    const role = best.value.role;
    mention.entries.push(describe(e, dc));
    // a person whose code on this date is only the default (not an office) but whom the text gives a title
    if (e.kind === 'person' && dc && !dc.from && !dc.to && agentValue && !former && agentSector && OFFICE_SECTORS.has(agentSector)) {
      const title = firstCountry(dict, entries);
      const country = title && title.value.type === 'entry' ? dict.entries[title.value.entryIndex].codes[0].code : splitCode(dc.code).country;
      if (country) {
        mention.entries.push(`${e.label} holds no dated office on ${doc.date} in the dictionary; the title '${agent!.phrase}' gives ${country}${agentSector}`);
        dc = { code: country + agentSector, from: null, to: null };
        e = { ...e, codes: [dc] };
      }
    }
    mention.kind = role === 'capital' ? 'capital' : e.kind;
    if (role === 'demonym' && !agentValue && best.end === ch.end && entries.length === 1 && !name) mention.demonymOnly = true;
    if (e.kind === 'person' || e.kind === 'group') mention.name = e.label;
    mention.entryId = e.id;
    if (dc) {
      const { country, sector } = splitCode(dc.code);
      let code = dc.code;
      let sec = sector;
      const ownerHere = isOwner(ch, best, opts);
      if (e.kind === 'country' && (agentSector || role === 'capital')) {
        if (agentValue?.prefix && agentSector) { code = agentSector + dc.code; sec = agentSector; }
        else if (agentSector) { code = dc.code + agentSector; sec = agentSector; }
        else if (!locative) { code = dc.code + 'GOV'; sec = 'GOV'; }
        if (agentSector && agent && agent.end <= best.start && role === 'capital') { /* "the government in Tripoli" style handled by caller */ }
      } else if ((e.kind === 'person' || e.kind === 'group') && agentSector && country && sector && !ARMED_NONSTATE.has(sector) && ownerHere && agentSector !== sector) {
        // "Erdogan's troops": the person's country with the agent's sector
        code = country + agentSector;
        sec = agentSector;
        mention.entries.push(`owner '${e.label}' + agent → ${code}`);
      }
      mention.code = code;
      mention.country = e.kind === 'igo' ? null : country;
      mention.sector = sec;
      mention.confidence = 0.9;
    }
    // "the Turkish defence minister": name the office holder on the date
    if (e.kind === 'country' && agentValue && !former && !name && mention.code) {
      const office = dict.agentRoles.get(agentValue.phrase.toLowerCase());
      const singular = tokens[agent!.end - 1].lemma === tokens[agent!.end - 1].lower;
      const holder = office && singular ? dict.holderOf(mention.country ?? '', office, doc.date) : null;
      if (holder) {
        mention.name = holder.entry.label;
        mention.holder = holder.entry.id;
        mention.entries.push(`office '${office}' of ${mention.country} on ${doc.date}: ${holder.entry.label} (${holder.code.from ?? ''}..${holder.code.to ?? ''})`);
      }
    }
  } else if (agentSector) {
    mention.kind = 'agent';
    mention.sector = agentSector;
    mention.confidence = 0.4;
  }
  if (agent) mention.entries.push(`agent '${agent.phrase}' → ${agentSector}`);
  return mention;
}

/**
 * "Michael Jordan", "Chad Smith", "George Washington": a country (not a demonym) next to a name word of the NP
 * (a capitalised PROPN no match covers) is part of a person's name; it leaves `entries` (in place) and `all`.
 */
function dropCountriesInNames(doc: Doc, dict: ActorDictionary, ch: Chunk, all: LexMatch[], entries: LexMatch[], notes: string[]): void {
  let kept = 0;
  for (let k = 0; k < entries.length; k++) {
    const f = entries[k];
    if (f.value.type === 'entry' && f.value.role !== 'demonym' && dict.entries[f.value.entryIndex].kind === 'country' && (nameWordAt(doc.tokens, ch, all, f.start - 1) || nameWordAt(doc.tokens, ch, all, f.end))) {
      notes.push(`'${doc.spanText(f.start, f.end)}' is part of a longer name here`);
      continue;
    }
    entries[kept++] = f;
  }
  if (kept === entries.length) return;
  entries.length = kept;
  for (let i = all.length - 1; i >= 0; i--) if (all[i].value.type === 'entry' && !entries.includes(all[i]) && all[i].value.type === 'entry' && dict.entries[(all[i].value as { entryIndex: number }).entryIndex].kind === 'country' && notes.some((n) => n.includes(`'${doc.spanText(all[i].start, all[i].end)}' is part`))) all.splice(i, 1);
}

/** the first match of a country entry */
function firstCountry(dict: ActorDictionary, entries: LexMatch[]): LexMatch | undefined {
  for (let k = 0; k < entries.length; k++) { const f = entries[k]; if (f.value.type === 'entry' && dict.entries[f.value.entryIndex].kind === 'country') return f; }
  return undefined;
}

/** token k of the NP is a capitalised PROPN outside every match, and no title or month */
function nameWordAt(tokens: Token[], ch: Chunk, all: LexMatch[], k: number): boolean {
  if (k < ch.start || k >= ch.end) return false;
  for (let x = 0; x < all.length; x++) { const f = all[x]; if (k >= f.start && k < f.end) return false; }
  return tokens[k].pos === 'PROPN' && startsUpper(tokens[k].text) && !NOT_NAMES.has(tokens[k].lower);
}

function isOwner(ch: Chunk, f: LexMatch, opts: ResolveOpts): boolean {
  if (ch.possessor !== undefined && f.end <= ch.possessor + 1) return true;
  return !!opts.owner && f.start >= opts.owner.start && f.end <= opts.owner.end;
}

function hasFormer(doc: Doc, start: number, end: number): boolean {
  for (let k = start; k < end && k < doc.tokens.length; k++) {
    const w = doc.tokens[k].lower;
    if (w === 'former' || w === 'ex' || w === 'then' || w.startsWith('ex-')) return true;
  }
  return false;
}

export function describe(e: ActorEntry, dc: DatedCode | null): string {
  const range = dc && (dc.from || dc.to) ? ` [${dc.code} ${dc.from ?? ''}..${dc.to ?? ''}${dc.role ? ' ' + dc.role : ''}]` : dc ? ` [${dc.code}]` : ' [no code on this date]';
  return `${e.id} (${e.origin})${range}`;
}

export type { ActorKind };
