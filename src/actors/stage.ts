import type { Stage } from '../core/stage.js';
import type { Doc, ActorMention, Chunk } from '../core/doc.js';
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
      const owners = new Map<number, number>();
      const chunks = doc.chunks;
      for (let c = 0; c < chunks.length; c++) {
        const ch = chunks[c];
        if (ch.kind !== 'NP') continue;
        const t = doc.tokens[ch.start];
        if (ch.end - ch.start === 1 && t.pos === 'PRON') {
          ch.mention = push(doc, pronounMention(doc, ch.start));
          continue;
        }
        // "his forces": the pronoun owns the rest of the NP
        if (POSSESSIVE_PRONOUNS.has(t.lower) && ch.end - ch.start > 1) {
          const rest: Chunk = { ...ch, start: ch.start + 1, possessor: undefined };
          const m = resolveNp(doc, d, rest, ch.end);
          const pi = push(doc, pronounMention(doc, ch.start));
          ch.possessorMention = pi;
          if (m) {
            ch.mention = push(doc, m);
            if (m.kind === 'agent') owners.set(ch.mention, pi);
          } else if (PLACE_NOUNS.has(doc.tokens[ch.head].lemma)) {
            // "our cities": a place of the owner's country
            ch.mention = push(doc, { ...pronounMention(doc, ch.start), end: ch.end, text: doc.spanText(ch.start, ch.end), kind: 'country' });
            owners.set(ch.mention, pi);
          } else ch.mention = pi; // "attacked its positions": the owner stands for the NP, as "Russia's positions" does
          continue;
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
          if (across && ag && / of /.test(ag) && ag !== own.agents[0]) m = across;
        }
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
      resolveCoreference(doc, owners, (mi, o) => composeOwner(doc.mentions[mi], o));
      inferAgentCountries(doc, datelineCountry(doc, d));
    },
  };
}

/** does a dictionary name start in this NP and end in the next (prepositional) one? */
function crossesInto(doc: Doc, d: ActorDictionary, ch: Chunk, next: Chunk): boolean {
  // such a name holds the preposition (token ch.end): most prepositions are in no name, and then no scan is needed
  if (!d.lexicon.mayJoinEntry(doc.tokens, ch.end)) return false;
  return d.lexicon.scan(doc.tokens, ch.start, next.end).some((f) => f.value.type === 'entry' && f.start < ch.end && f.end > ch.end);
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
  return {
    start: k, end: k + 1, text: t.text, code: null, country: null, sector: null, name: null,
    kind: 'pronoun', entries: [], confidence: 0.5, locative: false, agents: [],
  };
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
