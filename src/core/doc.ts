import type { Event } from './event.js';
import type { SourceMap } from './html.js';

/** Universal POS tags as produced by wink-nlp. */
export type Pos =
  | 'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART'
  | 'PRON' | 'PROPN' | 'PUNCT' | 'SCONJ' | 'SYM' | 'VERB' | 'X' | 'SPACE';

export interface Token {
  /** index in doc.tokens */
  i: number;
  /** character offsets into doc.text, [start, end) */
  start: number;
  end: number;
  text: string;
  lower: string;
  pos: Pos;
  lemma: string;
  /** sentence index */
  sent: number;
}

/** A token range [start, end) with the character range it covers. */
export interface Span {
  start: number;
  end: number;
}

export interface Sentence {
  i: number;
  /** token range */
  first: number;
  last: number; // exclusive
  /** character range */
  start: number;
  end: number;
}

export type ChunkKind = 'NP' | 'VG';

/** A noun phrase or verb group; PPs are NPs with `prep` set. */
export interface Chunk {
  kind: ChunkKind;
  start: number; // token range
  end: number;
  /** head token (noun head of an NP, main verb of a VG) */
  head: number;
  sent: number;
  /** NP: index of the governing preposition token, if this NP is a prepositional object */
  prep?: number;
  /** NP: token index of the possessive marker ("'s" in "Russia's invasion") or a possessive pronoun */
  possessor?: number;
  /** NP: index in doc.mentions of the actor this NP names (set by the actors stage) */
  mention?: number;
  /** NP: index in doc.places when this NP names a place */
  place?: number;
  /** NP: index in doc.mentions of the possessor's actor ("Russia" in "Russia's invasion") */
  possessorMention?: number;
}

export interface VerbGroup {
  chunk: number; // index in doc.chunks
  head: number; // main verb token
  lemma: string;
  passive: boolean;
  negated: boolean;
  /** modal or future auxiliary lemma ("will", "would", "could", "may") */
  modal: string | null;
  /** "to attack": an infinitive */
  infinitive: boolean;
  /** "-ing" form without auxiliary: participle or gerund */
  participle: boolean;
  tense: 'past' | 'present' | 'future' | 'none';
}

export type ClauseKind =
  | 'main' | 'complement' | 'conditional' | 'relative' | 'purpose' | 'adverbial' | 'coordinate'
  | 'participial' | 'infinitival';

export interface Clause {
  i: number;
  sent: number;
  /** token range of the clause's own words (nested clauses are excluded by their own ranges) */
  start: number;
  end: number;
  kind: ClauseKind;
  /** the verb group (index in doc.verbs) that heads this clause */
  verb: number | null;
  /** the clause this one is embedded in */
  parent: number | null;
  /** subordinator token ("that", "if", "who"), if any */
  marker: number | null;
  /** subject NP indices (chunks); several when coordinated */
  subject: number[];
  /** subject inherited from another clause (relative/infinitival/coordinate without own subject) */
  subjectFrom: number | null;
}

export type ActorKind = 'country' | 'capital' | 'igo' | 'agent' | 'person' | 'group' | 'pronoun' | 'unknown';

export interface ActorMention {
  /** token range */
  start: number;
  end: number;
  text: string;
  /** full CAMEO actor code ("TURGOV"), or null when not resolved */
  code: string | null;
  country: string | null;
  sector: string | null;
  /** a person's or group's name when known */
  name: string | null;
  kind: ActorKind;
  /** which dictionary entries produced the code (for --explain) */
  entries: string[];
  confidence: number;
  /** for a pronoun / short name resolved to an antecedent, the antecedent's token range */
  antecedent?: Span;
  /** inside a locative phrase ("in Tripoli"): a place, not an actor, unless a pattern asks for it */
  locative: boolean;
  /** sector words that made the code ("troops"), for --explain */
  agents: string[];
  /** the dictionary entry that gave the code ("person:hulusi-akar"), to re-code the mention on another date */
  entryId?: string;
  /** a title without a name ("the Turkish defence minister"): the entry of whoever held the office on the date */
  holder?: string;
  /** "Iranian-backed militias": the code of the backer, which is not the actor itself */
  backedBy?: string;
  /** token range of the backer's name ("Iranian" in "Iranian-backed") */
  backedByAt?: Span;
  /** how a coreferent mention was resolved: pronoun, short name, definite description or quote speaker */
  coref?: 'pronoun' | 'name' | 'description' | 'speaker';
  /**
   * the same agent of other countries coordinated after this one ("lawmakers in France and Germany",
   * "the ambassadors of Arnor, Osgiliath and Gondor"): indices in doc.mentions, each an actor beside this one
   */
  also?: number[];
  /** the mention is a bare demonym adjective ("Sierra Leonean" in "Sierra Leonean and Liberian refugees") */
  demonymOnly?: boolean;
}

/** the fields every actor mention is made with (the optional ones start undefined) */
export type MentionBase = Pick<ActorMention, 'start' | 'end' | 'text' | 'code' | 'country' | 'sector' | 'name' | 'kind' | 'entries' | 'confidence' | 'locative' | 'agents'>;

/**
 * A new actor mention with every field present, the optional ones undefined, so that all mentions share one V8
 * layout: stages add antecedents, corefs, backers... to some of them, and mentions of ten layouts made every
 * property read on them megamorphic (actors, coreference, events). JSON output is the same: undefined fields
 * are not written. Mentions copied with a spread keep the layout.
 */
export function newMention(b: MentionBase): ActorMention {
  return {
    start: b.start, end: b.end, text: b.text, code: b.code, country: b.country, sector: b.sector, name: b.name,
    kind: b.kind, entries: b.entries, confidence: b.confidence, locative: b.locative, agents: b.agents,
    entryId: undefined, holder: undefined, antecedent: undefined, coref: undefined, backedBy: undefined,
    backedByAt: undefined, also: undefined, demonymOnly: undefined,
  };
}

/** A quoted stretch of text (quote marks excluded) and the mention of who said it, if found. */
export interface Quote {
  start: number; // token range
  end: number;
  /** index in doc.mentions of the speaker */
  speaker: number | null;
}

/** A place named in the text, resolved against the gazetteer (set by the places stage). */
export interface PlaceMention {
  /** token range */
  start: number;
  end: number;
  text: string;
  name: string;
  /** ISO3 / CAMEO country code */
  country: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  precision: 'city' | 'admin1' | 'country';
  confidence: number;
}

/**
 * A slot for data another module derives from a Doc and keeps with it (indexes, caches: not output layers).
 * Each module makes its own key once; `doc.derived(key)` / `doc.keep(key, value)` read and write it. A slot in a
 * small array per Doc costs far less than a WeakMap entry per Doc (measured: WeakMap.set was ~1.5% of coding).
 */
export class DocKey<T> {
  private static count = 0;
  readonly slot: number;
  /** for debugging: which module owns the slot */
  readonly name: string;
  // T is only used by derived()/keep() to type the value
  declare readonly _type?: T;
  constructor(name: string) {
    this.name = name;
    this.slot = DocKey.count++;
  }
}

/**
 * One article. Text is immutable; every annotation points into it by token index or char offset.
 * Stages fill the optional layers; `assigned` records which layers are present.
 */
export class Doc {
  readonly id: string;
  readonly text: string;
  /** publication date, YYYY-MM-DD */
  readonly date: string;
  readonly source: string | null;
  readonly url: string | null;
  /**
   * When the text was extracted from markup (HTML): the original and a map from every text offset to the
   * original's, so evidence can be reported against both (evidence.source_start/source_end). Null otherwise.
   */
  readonly origin: SourceMap | null;
  /**
   * The layers present so far, in the order they were assigned: set by the pipeline after each stage to a
   * list it computed once and shares between Docs (a Set per Doc, filled stage by stage, cost 1% of coding).
   */
  layers: readonly string[] = [];
  /** which layers are present ("text", "tokens", "chunks", "events"...) */
  get assigned(): ReadonlySet<string> {
    return new Set(this.layers);
  }

  tokens: Token[] = [];
  sentences: Sentence[] = [];
  chunks: Chunk[] = [];
  verbs: VerbGroup[] = [];
  clauses: Clause[] = [];
  mentions: ActorMention[] = [];
  /** direct quotations and their speakers (actors stage) */
  quotes: Quote[] = [];
  /** place mentions (geo stage) */
  places: PlaceMention[] = [];
  events: Event[] = [];
  /** per event (same index): the clause and token range it was coded from, for later stages (dates, places) */
  eventMeta: { clause: number; from: number; to: number }[] = [];
  /** sentence indices discarded (sports, markets...) with the reason */
  discarded = new Map<number, string>();
  /** notes stages leave for --explain and diagnostics */
  notes: string[] = [];

  constructor(opts: { id: string; text: string; date: string; source?: string | null; url?: string | null; origin?: SourceMap | null }) {
    this.id = opts.id;
    this.text = opts.text;
    this.date = opts.date;
    this.source = opts.source ?? null;
    this.url = opts.url ?? null;
    this.origin = opts.origin ?? null;
  }

  /** module-derived data, by DocKey slot */
  private readonly slots: unknown[] = [];

  /** what a module kept with this Doc under `key` (undefined until kept) */
  derived<T>(key: DocKey<T>): T | undefined {
    return this.slots[key.slot] as T | undefined;
  }

  keep<T>(key: DocKey<T>, value: T): T {
    this.slots[key.slot] = value;
    return value;
  }

  /** the text of a token range */
  spanText(start: number, end: number): string {
    if (end <= start) return '';
    return this.text.slice(this.tokens[start].start, this.tokens[end - 1].end);
  }

  /** character range of a token range */
  charRange(start: number, end: number): { start: number; end: number } {
    return { start: this.tokens[start].start, end: this.tokens[end - 1].end };
  }
}
