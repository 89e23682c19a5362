import type { Stage } from '../core/stage.js';
import { coordinationGap } from '../core/text.js';
import type { Doc, ActorMention, Chunk } from '../core/doc.js';
import { newMention } from '../core/doc.js';
import type { ActorDictionary } from './dictionary.js';
import { defaultActors } from './defaults.js';
import { resolveNp } from './resolve.js';
import { resolveCoreference, inferAgentCountries } from './coref.js';
import { splitCode } from './model.js';
import { datelineCountry } from './dateline.js';

const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
/** "forces loyal to X", "militias allied with X": X owns the actor */
const LOYAL = new Set(['loyal', 'allied', 'close', 'linked', 'affiliated', 'aligned', 'answering', 'belonging', 'subordinate']);
const ARMED_NONSTATE = new Set(['REB', 'INS', 'SEP', 'MIL', 'UAF', 'IMG']);
/** heads that name an organisation only through an earlier mention ("the group") */
const ORG_HEADS = new Set(['group', 'movement', 'organisation', 'organization', 'faction', 'alliance', 'network']);
const DEFINITE = new Set(['the', 'this', 'that']);
/** "thousands of Iraqi Kurds", "tens of thousands of students", "a group of Chechen refugees": the actor is the "of" phrase */
const QUANTITY_HEADS = new Set(['thousands', 'hundreds', 'dozens', 'scores', 'tens', 'millions', 'hundred', 'thousand', 'dozen', 'group', 'groups', 'number', 'crowd', 'crowds', 'band', 'handful', 'majority', 'third', 'half', 'quarter', 'some', 'many', 'most', 'several', 'all']);
/** "our cities", "its territory": places that stand for the owner's country */
const PLACE_NOUNS = new Set(['city', 'town', 'village', 'territory', 'land', 'soil', 'border', 'region', 'country', 'capital', 'airspace', 'water', 'waters', 'coast', 'homeland', 'nation', 'people', 'infrastructure', 'port', 'airport']);

/**
 * Finds actor mentions in noun phrases and resolves their CAMEO codes on the document date, marks
 * discarded sentences (sports, markets...), then links coreferent mentions. `dict` defaults to
 * dyad's shipped dictionary (compiled once, lazily).
 */
export function actorsStage(dict?: ActorDictionary): Stage {
  return {
    name: 'actors',
    requires: ['chunks', 'clauses'],
    assigns: ['actors'],
    run(doc: Doc) {
      const d = dict ?? defaultActors();
      applyDiscards(doc, d);
      doc.mentions = [];
      let owners: Map<number, number> | null = null; // made on first need (a possessive pronoun)
      const chunks = doc.chunks;
      for (let c = 0; c < chunks.length; c++) {
        const ch = chunks[c];
        if (ch.kind !== 'NP') continue;
        const t = doc.tokens[ch.start];
        // "respond with force", "taken by force", "use of force": manner, not the armed forces
        if (ch.end - ch.start === 1 && t.lower === 'force' && ch.prep !== undefined && MANNER_PREPS.has(doc.tokens[ch.prep].lower)) continue;
        if (ch.end - ch.start === 1 && t.pos === 'PRON') {
          ch.mention = push(doc, pronounMention(doc, ch.start));
          continue;
        }
        // "his forces": the pronoun owns the rest of the NP
        if (ch.end - ch.start > 1 && POSSESSIVE_PRONOUNS.has(t.lower)) {
          const rest: Chunk = { ...ch, start: ch.start + 1, possessor: undefined };
          const m = resolveNp(doc, d, rest, ch.end);
          const pi = push(doc, pronounMention(doc, ch.start));
          ch.possessorMention = pi;
          if (m) {
            ch.mention = push(doc, m);
            if (m.kind === 'agent') (owners ??= new Map()).set(ch.mention, pi);
          } else if (PLACE_NOUNS.has(doc.tokens[ch.head].lemma)) {
            // "our cities": a place of the owner's country
            ch.mention = push(doc, { ...pronounMention(doc, ch.start), end: ch.end, text: doc.spanText(ch.start, ch.end), kind: 'country' });
            (owners ??= new Map()).set(ch.mention, pi);
          } else ch.mention = pi; // "attacked its positions": the owner stands for the NP, as "Russia's positions" does
          continue;
        }
        // "Thousands of Iraqi Kurds", "Tens of thousands of students": skip the quantity to the named group
        if (ch.possessor === undefined && QUANTITY_HEADS.has(doc.tokens[ch.head].lower)) {
          let q = c;
          while (q + 1 < chunks.length && chunks[q + 1].kind === 'NP' && chunks[q + 1].prep === chunks[q].end && doc.tokens[chunks[q].end].lower === 'of' && QUANTITY_HEADS.has(doc.tokens[chunks[q + 1].head].lower)) q++;
          const grp = chunks[q + 1];
          if (grp && grp.kind === 'NP' && grp.prep === chunks[q].end && doc.tokens[chunks[q].end].lower === 'of' && !QUANTITY_HEADS.has(doc.tokens[grp.head].lower)) {
            const inner = resolveNp(doc, d, grp, grp.end);
            if (inner && inner.code) {
              ch.mention = push(doc, inner);
              for (let k = c + 1; k <= q + 1; k++) chunks[k].mention = ch.mention;
              c = q + 1;
              continue;
            }
          }
        }
        let extendTo = ch.end;
        let owner: { start: number; end: number } | undefined;
        const next = chunks[c + 1];
        const nextPrep = next && next.kind === 'NP' && next.prep === ch.end ? doc.tokens[ch.end].lower : null;
        if (nextPrep === 'of') extendTo = next.end; // "the president of Egypt"
        else if (nextPrep && crossesInto(doc, d, ch, next)) {
          // a name with a preposition inside: "Doctors Without Borders", "Court of Justice"
          const m = resolveNp(doc, d, ch, next.end);
          if (m) { ch.mention = push(doc, m); next.mention = ch.mention; c++; continue; }
        } else if ((nextPrep === 'to' || nextPrep === 'with') && LOYAL.has(doc.tokens[ch.end - 1].lower)) {
          extendTo = next.end; // "forces loyal to Haftar"
          owner = { start: next.start, end: next.end };
        }
        // only an NP that names no actor of its own takes one from its "of" phrase: "the president of
        // Egypt" does, "Iran of arming Hezbollah" and "the annexation of Crimea" do not
        const own = resolveNp(doc, d, ch, ch.end);
        const ownNamed = !!own && own.kind !== 'agent' && own.kind !== 'unknown';
        let m = extendTo > ch.end && (owner || !ownNamed) ? resolveNp(doc, d, ch, extendTo, { owner }) : own;
        if (m === own && extendTo > ch.end && own && nextPrep === 'of') {
          // an agent phrase that runs across "of": "the American secretary of state", "Minister of Defence X"
          const across = resolveNp(doc, d, ch, extendTo);
          const ag = across?.agents[0];
          if (across && ag && ag.includes(' of ') && ag !== own.agents[0]) m = across;
        }
        if (m && m.kind === 'agent' && ch.place !== undefined) {
          // "the West Bank", "the Gold Coast": a place whose name holds an agent word is the place's country
          const p = doc.places[ch.place];
          if (p?.country && p.start <= ch.head && ch.head < p.end) {
            m = { ...m, code: p.country, country: p.country, sector: null, kind: 'country', agents: [], locative: true, entries: [...m.entries, `place '${p.name}' in ${p.country}: not the agent '${doc.tokens[ch.head].text}'`] };
          }
        }
        // "the French president's wife", "Putin's daughter": a relative is not the office holder
        if (m && m.end <= ch.head && KIN.has(doc.tokens[ch.head].lemma)) continue;
        if (!m) {
          // "the group", "the movement": no actor by itself, but a description coreference can resolve
          const head = doc.tokens[ch.head];
          if (ORG_HEADS.has(head.lemma) && DEFINITE.has(doc.tokens[ch.start].lower) && ch.end - ch.start <= 3) {
            ch.mention = push(doc, { ...pronounMention(doc, ch.start), start: ch.head, text: head.text, kind: 'agent', agents: [head.lemma] });
          }
          continue;
        }
        if (m !== own && m.end > ch.end && !owner && m.kind === 'country' && !m.agents.length) {
          if (!own) continue;
          ch.mention = push(doc, own);
        } else {
          ch.mention = push(doc, m);
          if (m !== own && m.end > ch.end) {
            next.mention = ch.mention; // the "of"/"to" NP is part of this actor
            c++;
          }
        }
        if (ch.possessor !== undefined && doc.tokens[ch.possessor].pos === 'PART') {
          const pm = doc.mentions[ch.mention];
          if (pm.end <= ch.possessor) ch.possessorMention = ch.mention;
        }
      }
      distributeAgents(doc);
      const dateline = datelineCountry(doc, d);
      inferAgentCountries(doc, dateline, true);
      resolveCoreference(doc, owners ?? NO_OWNERS, (mi, o) => composeOwner(doc.mentions[mi], o));
      inferAgentCountries(doc, dateline);
    },
  };
}

const NO_OWNERS: ReadonlyMap<number, number> = new Map();
const COUNTRY_PREPS = new Set(['of', 'from', 'in']);
const KIN = new Set(['wife', 'husband', 'son', 'daughter', 'mother', 'father', 'brother', 'sister', 'child', 'children', 'family', 'relative', 'cousin', 'nephew', 'niece', 'widow', 'grandson', 'granddaughter', 'spouse', 'girlfriend', 'boyfriend', 'fiancee', 'fiance', 'lawyer', 'biographer', 'dog']);
const MANNER_PREPS = new Set(['with', 'by', 'of']);
const SPOKES = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'spokesmen', 'spokeswomen', 'spokespeople', 'envoy', 'representative', 'negotiator', 'lawyer', 'advocate']);

/**
 * An agent with its country in a prepositional phrase: "soldiers from Gondor" → GONMIL; and an agent over a
 * coordination of countries, "lawmakers in France and Germany", "the ambassadors of A, B and C": each
 * country in the list is the same agent of that country (the mention's `also`).
 */
function distributeAgents(doc: Doc): void {
  const chunks = doc.chunks;
  for (let c = 0; c + 1 < chunks.length; c++) {
    const ch = chunks[c];
    if (ch.kind !== 'NP' || ch.mention === undefined) continue;
    const m = doc.mentions[ch.mention];
    shareCountry(doc, c);
    shareHead(doc, c);
    if (!m.sector || !m.agents.length || m.kind === 'pronoun' || m.coref) continue;
    const pp = chunks[c + 1];
    // "a spokesman for the Chinese foreign ministry", "a spokesman for Hamas": the body spoken for
    if (!m.country && pp.kind === 'NP' && pp.prep === ch.end && pp.mention !== undefined && pp.mention !== ch.mention && doc.tokens[pp.prep].lower === 'for' && SPOKES.has(doc.tokens[ch.head].lemma)) {
      const pm = doc.mentions[pp.mention];
      if (pm.code && pm.kind !== 'pronoun') {
        m.code = pm.code;
        m.country = pm.country;
        m.sector = pm.sector;
        m.entries.push(`speaks for '${pm.text}' → ${pm.code}`);
      }
      continue;
    }
    if (pp.kind !== 'NP' || pp.prep !== ch.end || pp.mention === undefined || !COUNTRY_PREPS.has(doc.tokens[pp.prep].lower)) continue;
    const merged = pp.mention === ch.mention; // "the president of Egypt" is one mention
    const pm = doc.mentions[pp.mention];
    if (!merged) {
      // ("doctors from two American aid groups": from an organisation of a country, that country)
      const fromOrg = doc.tokens[pp.prep].lower === 'from' && !!pm.sector && !m.country;
      if ((pm.kind !== 'country' && pm.kind !== 'capital') || (pm.sector && !fromOrg) || !pm.country) continue;
      if (!m.country) {
        m.country = pm.country;
        m.code = pm.country + m.sector;
        m.confidence = Math.min(m.confidence, pm.confidence);
        m.entries.push(`country from '${doc.spanText(pp.prep!, pp.end)}' → ${m.code}`);
      } else if (m.country !== pm.country) continue;
    } else if (!m.country) continue;
    // the countries coordinated after it, when the list closes with "and"/"or"
    const list = coordinatedMentions(doc, c + 2, (xm) => (xm.kind === 'country' || xm.kind === 'capital') && !xm.sector && !!xm.country);
    if (!list) continue;
    for (const mi of list) {
      const xm = doc.mentions[mi];
      xm.code = xm.country + m.sector;
      xm.sector = m.sector;
      xm.agents = [...m.agents];
      xm.locative = false;
      xm.entries.unshift(`'${m.agents[0]}' of the coordination after '${m.text}' → ${xm.code}`);
    }
    m.also = list;
  }
}

/**
 * "Iraqi police and soldiers", "Russia's army and police": the country of the first agent phrase holds for the
 * bare agent nouns coordinated after it (no determiner or modifier of their own), when the list closes
 * with "and"/"or".
 */
function shareCountry(doc: Doc, c: number): void {
  const chunks = doc.chunks;
  const m = doc.mentions[chunks[c].mention!];
  if (!m.country || !m.sector || m.kind === 'pronoun' || m.coref || !m.agents.length) return;
  const list = coordinatedMentions(doc, c + 1, (xm, x, r, gap) => {
    const bare = x.end - x.start === 1 && xm.start === x.start && xm.end === x.end;
    // ", and police detained …": a new clause's subject, not a conjunct
    return xm.kind === 'agent' && !xm.country && !!xm.sector && bare && !(gap.comma && chunks[r + 1]?.kind === 'VG');
  });
  if (!list) return;
  for (const mi of list) {
    const xm = doc.mentions[mi];
    xm.country = m.country;
    xm.code = m.country + xm.sector;
    xm.confidence = Math.min(xm.confidence, m.confidence);
    xm.entries.push(`country of '${m.text}' shared by the coordination → ${xm.code}`);
  }
}

/**
 * Mentions of the bare NPs coordinated from chunk `from` on ("A, B and C"), each accepted by `ok`, when the
 * list closes with "and"/"or"; null otherwise.
 */
function coordinatedMentions(doc: Doc, from: number, ok: (m: ActorMention, ch: Chunk, r: number, gap: { conj: boolean; comma: boolean }) => boolean): number[] | null {
  const chunks = doc.chunks;
  const list: number[] = [];
  for (let r = from; r < chunks.length; r++) {
    const x = chunks[r];
    if (x.kind !== 'NP' || x.prep !== undefined || x.mention === undefined) return null;
    const gap = coordinationGap(doc.tokens, chunks[r - 1].end, x.start);
    if (!gap || !ok(doc.mentions[x.mention], x, r, gap)) return null;
    list.push(x.mention);
    if (gap.conj) return list;
  }
  return null;
}

/**
 * "Sierra Leonean and Liberian refugees", "Russian and Chinese warships": a bare demonym coordinated before a
 * demonym + agent phrase shares its head: SLE → SLEREF, RUS → RUSMIL.
 */
function shareHead(doc: Doc, c: number): void {
  const chunks = doc.chunks;
  const m = doc.mentions[chunks[c].mention!];
  if (!m.demonymOnly || m.sector || !m.country) return;
  let r = c + 1;
  // "Russian, Chinese and Iranian warships": walk over further bare demonyms to the phrase with the head
  const list = [m];
  for (; r < chunks.length; r++) {
    const x = chunks[r];
    if (x.kind !== 'NP' || x.prep !== undefined || x.mention === undefined) return;
    if (!coordinationGap(doc.tokens, chunks[r - 1].end, x.start)) return;
    const xm = doc.mentions[x.mention];
    if (xm.demonymOnly && !xm.sector) { list.push(xm); continue; }
    if (xm.kind !== 'country' || !xm.sector || !xm.country || !xm.agents.length) return;
    for (const d of list) {
      d.sector = xm.sector;
      d.code = d.country + xm.sector;
      d.agents = [...xm.agents];
      d.entries.push(`shares the head '${xm.agents[0]}' of '${xm.text}' → ${d.code}`);
    }
    return;
  }
}

/** does a dictionary name start in this NP and end in the next (prepositional) one? */
function crossesInto(doc: Doc, d: ActorDictionary, ch: Chunk, next: Chunk): boolean {
  // such a name holds the preposition (token ch.end): most prepositions are in no name, and then no scan is needed
  if (!d.lexicon.mayJoinEntry(doc.tokens, ch.end)) return false;
  for (const f of d.lexicon.scan(doc.tokens, ch.start, next.end)) if (f.value.type === 'entry' && f.start < ch.end && f.end > ch.end) return true;
  return false;
}

function push(doc: Doc, m: ActorMention): number {
  doc.mentions.push(m);
  return doc.mentions.length - 1;
}

/** "his forces" once "his" is known: the owner's group code, or its country with the agent's sector */
function composeOwner(m: ActorMention, owner: ActorMention): void {
  if (!owner.code) return;
  const { country, sector } = splitCode(owner.code);
  if (m.kind === 'country' && !m.sector) {
    m.code = country;
    m.country = country;
    m.entries.unshift(`place of the owner '${owner.text}' (${owner.code}) → ${country}`);
    return;
  }
  if (!m.sector) return;
  if (owner.kind === 'igo' || (sector && ARMED_NONSTATE.has(sector)) || !country) {
    m.code = owner.code;
    m.sector = sector;
    m.name = owner.name;
  } else {
    m.code = country + m.sector;
  }
  m.country = country;
  // the owner's own group ("his forces" = Haftar's LNA) is the same actor; "its citizens" are not Syria
  if (m.code === owner.code) {
    m.antecedent = owner.antecedent ?? { start: owner.start, end: owner.end };
    m.coref = 'pronoun';
  }
  m.confidence = Math.min(owner.confidence, 0.7);
  m.entries.unshift(`owner '${owner.text}' (${owner.code}) → ${m.code}`);
}

function pronounMention(doc: Doc, k: number): ActorMention {
  const t = doc.tokens[k];
  return newMention({
    start: k, end: k + 1, text: t.text, code: null, country: null, sector: null, name: null,
    kind: 'pronoun', entries: [], confidence: 0.5, locative: false, agents: [],
  });
}

/** Mark discarded sentences: story-level phrases discard every sentence, the others their own sentence. */
export function applyDiscards(doc: Doc, dict: ActorDictionary): void {
  if (!dict.discards.size) return;
  const story = dict.discards.match(doc.text, 'story');
  for (const s of doc.sentences) {
    if (story) {
      doc.discarded.set(s.i, `story discard (${story.rule.category}): '${story.matched}' (${story.rule.origin})`);
      continue;
    }
    const hit = dict.discards.match(doc.text.slice(s.start, s.end), 'sentence');
    if (hit) doc.discarded.set(s.i, `discard (${hit.rule.category}): '${hit.matched}' (${hit.rule.origin})`);
  }
}
