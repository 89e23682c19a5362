import type { Token } from '../core/doc.js';
import { keyOf, rawKeyOf, phraseWords } from './normalize.js';
import { startsUpperOrDigit, plainKey } from '../core/text.js';
import { KeyFilter } from '../core/keyfilter.js';

/** What a matched phrase stands for. */
export type LexValue =
  | { type: 'entry'; entryIndex: number; role: 'name' | 'demonym' | 'capital' }
  /** an agent (sector) word; `code` is appended to the actor's code, or prepended when `prefix` */
  | { type: 'agent'; sector: string; priority: number; phrase: string; prefix?: boolean }
  /** a phrase that is known not to be an actor ("Washington state"): it shadows shorter matches */
  | { type: 'block'; phrase: string };

/** 'exact': acronym, case must match (US, UN, WHO); 'cap': first letter upper case; 'any' */
export type Casing = 'exact' | 'cap' | 'any';

interface Phrase {
  keys: string[];
  raw: string[];
  casing: Casing;
  value: LexValue;
  /** later layers (user dictionaries added on top) win ties */
  layer: number;
  text: string;
}

/**
 * A byFirst list as matchFrom reads it: the phrases (in the list's order) and, per phrase, what decides most
 * tries without reading the phrase (dictionary objects, cold in the pipeline's caches): its word count and
 * `next`, the first character code its second word must start with, or -1 when it has one word or two and is an
 * agent (whose last word may match by lemma, any first character).
 */
interface Bucket {
  phrases: Phrase[];
  lens: number[];
  next: number[];
}

/**
 * The matchable pieces of a token list ("units"): a token, or a part of a token split at an internal hyphen
 * ("pro-Russian"), as parallel arrays, unit u at index u of each. One table is reused for every token list
 * (see unitsOf): a document's units cost no object each.
 */
export interface Units {
  /** the number of units */
  n: number;
  key: string[];
  raw: string[];
  /** token index */
  tok: number[];
  /** GLUED | WHOLE | PLAIN bits */
  flags: number[];
  /** per token, its first unit (or, for a token without units, the next token's; [tokens.length] = n) */
  firstUnit: number[];
  /** bumped whenever the table is refilled, so that what was computed on an earlier list is not reused */
  gen: number;
}
/** no whitespace between this unit and the previous one */
const GLUED = 1;
/** the whole token (so its lemma can be used) */
const WHOLE = 2;
/** the key is a plain ASCII word's (letters and digits, lower case), so keyOf of an equal string is itself */
const PLAIN = 4;

/** the lemma and plain singulars of a word key, for agent matching ("militias" → militia, "forces" → force); Lexicon.singularAgent tries them in the same order without building the list */
function singulars(key: string, lemma: string): string[] {
  const out: string[] = [];
  if (lemma !== key) out.push(lemma);
  if (key.length > 4 && key.endsWith('men')) out.push(key.slice(0, -3) + 'man'); // "Gunmen", "Militiamen"
  if (key.length > 3 && key.endsWith('s')) {
    if (key.endsWith('ies')) out.push(key.slice(0, -3) + 'y');
    if (key.endsWith('es')) out.push(key.slice(0, -2));
    out.push(key.slice(0, -1));
  }
  return out;
}

/**
 * The plain plurals of the one-word agents, for singularAgent: the key K for which a singular rule (after the
 * lemma) names agent word a, the first rule in singulars()' order when several do. The rules, each turned
 * around (each is one-to-one, so no two words of one rule give the same K):
 *   K.length > 4, K ends "men": a = K - "men" + "man"   ⇔ K = a - "man" + "men"
 *   K.length > 3, K ends "ies": a = K - "ies" + "y"     ⇔ K = a - "y" + "ies"
 *   K.length > 3, K ends "es":  a = K - "es"            ⇔ K = a + "es"
 *   K.length > 3, K ends "s":   a = K - "s"             ⇔ K = a + "s"
 * A key of a "men" word does not end in "s", so the last three never compete with the first. One lookup of the
 * unit's key replaces up to four slices and lookups of new strings per unit matched by nothing else.
 */
function pluralIndex(byFirst: Map<string, Phrase[]>, oneWordAgent: (k: string) => Phrase | null): Map<string, Phrase> {
  const words: [string, Phrase][] = [];
  for (const k of byFirst.keys()) {
    const p = oneWordAgent(k);
    if (p) words.push([k, p]);
  }
  const out = new Map<string, Phrase>();
  const put = (plural: string, p: Phrase, minLength: number) => {
    if (plural.length > minLength && !out.has(plural)) out.set(plural, p);
  };
  for (const [a, p] of words) if (a.endsWith('man')) put(a.slice(0, -3) + 'men', p, 4);
  for (const [a, p] of words) if (a.endsWith('y')) put(a.slice(0, -1) + 'ies', p, 3);
  for (const [a, p] of words) put(a + 'es', p, 3);
  for (const [a, p] of words) put(a + 's', p, 3);
  return out;
}

/**
 * The units of the last token list asked for. A document's scans all come while the actors stage codes it, so one
 * table serves them; another list (another document) refills it. A WeakMap entry per document cost more, and so
 * did an object per unit.
 */
let lastTokens: Token[] | null = null;
const table: Units = { n: 0, key: [], raw: [], tok: [], flags: [], firstUnit: [], gen: 0 };
const HAS_HYPHEN = /[-‐‑–]/;
const INNER_HYPHEN = /(?<=\p{L})[-‐‑–](?=\p{L})/u;

function pushUnit(key: string, raw: string, tok: number, flags: number): void {
  const u = table.n++;
  table.key[u] = key;
  table.raw[u] = raw;
  table.tok[u] = tok;
  table.flags[u] = flags;
}

/** The units of a token list (the last list's are kept): hyphen and apostrophe tokens vanish but glue their neighbours. */
export function unitsOf(tokens: Token[]): Units {
  return tokens === lastTokens ? table : fillUnits(tokens);
}

/** refill the table with the units of a token list */
function fillUnits(tokens: Token[]): Units {
  lastTokens = tokens;
  table.gen++;
  table.n = 0;
  const firstUnit = table.firstUnit; // entries past tokens.length are stale and never read (no shrinking: it costs)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    firstUnit[i] = -1;
    // glued to the previous unit: no whitespace from that unit's token to this one (dropped "-" tokens may sit between)
    let glued = table.n > 0;
    if (glued) for (let k = table.tok[table.n - 1]; k < i && glued; k++) if (tokens[k].end !== tokens[k + 1].start) glued = false;
    // split only a token that holds a hyphen (the regex split is the costly part of this loop); a plain ASCII
    // word (most tokens) holds none and is its own raw key (rawKeyOf)
    const plain = plainKey(t.text, t.lower);
    if (plain !== null || t.text.length <= 2 || !HAS_HYPHEN.test(t.text)) {
      const raw = plain !== null ? t.text : rawKeyOf(t.text);
      const key = plain ?? raw.toLowerCase(); // = keyOf(t.text)
      if (!key) continue;
      firstUnit[i] = table.n;
      pushUnit(key, raw, i, (glued ? GLUED : 0) | WHOLE | (plain !== null ? PLAIN : 0));
      continue;
    }
    const parts = t.text.split(INNER_HYPHEN);
    let first = true;
    for (const p of parts) {
      const raw = rawKeyOf(p);
      const key = raw.toLowerCase(); // = keyOf(p)
      if (!key) continue;
      if (firstUnit[i] < 0) firstUnit[i] = table.n;
      pushUnit(key, raw, i, (first ? (glued ? GLUED : 0) : GLUED) | (parts.length === 1 ? WHOLE : 0));
      first = false;
    }
  }
  firstUnit[tokens.length] = table.n;
  // tokens without units (punctuation) point at the next unit
  for (let i = tokens.length - 1; i >= 0; i--) if (firstUnit[i] < 0) firstUnit[i] = firstUnit[i + 1];
  return table;
}

export interface LexMatch {
  /** token range [start, end) */
  start: number;
  end: number;
  value: LexValue;
  phrase: string;
  /** the match starts inside a token ("Russian" in "pro-Russian") */
  partial: boolean;
}

/**
 * A phrase dictionary keyed by first word, matched longest-first over text units. Case rules keep "US"
 * apart from "us" and "Chad" the country apart from "chad"; agents match their last word by lemma
 * ("troops" → "troop"). Phrases are indexed lazily: adding is O(1), the first lookup sorts the buckets.
 */
export class Lexicon {
  private byFirst = new Map<string, Phrase[]>();
  private seen = new Set<string>();
  private dirty = true;
  /** plural word key → the one-word agent it is a plain plural of (see pluralIndex); built by prepare */
  private pluralAgents = new Map<string, Phrase>();
  /** word key → its first one-word agent phrase (oneWordAgent, without reading the phrase list); built by prepare */
  private agentWords = new Map<string, Phrase>();
  /** byFirst's lists as Buckets; built by prepare */
  private buckets = new Map<string, Bucket>();
  /** the keys of byFirst and pluralAgents, to skip Map lookups that would miss (core/keyfilter.ts; ~8 KB for dyad's dictionary); built by prepare */
  private words = KeyFilter.forCount(0);
  /** the word keys of the entry phrases, for mayJoinEntry; reset by add */
  private entryKeys: Set<string> | null = null;
  size = 0;

  add(phrase: string, value: LexValue, opts: { casing?: Casing; layer?: number } = {}): void {
    const { keys, raw } = phraseWords(phrase);
    if (!keys.length) return;
    const vk = value.type === 'entry' ? `e${value.entryIndex}${value.role}` : value.type === 'agent' ? `a${value.sector}${value.prefix ? '<' : ''}` : 'b';
    const sig = keys.join(' ') + '\u0000' + vk;
    if (this.seen.has(sig)) return;
    this.seen.add(sig);
    let casing = opts.casing;
    if (!casing) {
      if (value.type === 'agent') casing = 'any';
      else {
        const letters = raw.join('').replace(/[^\p{L}]/gu, '');
        casing = letters.length >= 2 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters) ? 'exact' : /^\p{Lu}/u.test(raw[0]) ? 'cap' : 'any';
      }
    }
    let list = this.byFirst.get(keys[0]);
    if (!list) { list = []; this.byFirst.set(keys[0], list); }
    list.push({ keys, raw, casing, value, layer: opts.layer ?? 0, text: phrase.trim() });
    this.size++;
    this.dirty = true;
    this.entryKeys = null;
    this.openGen = -1;
  }

  /**
   * Can token `tok` be part of an entry phrase match? Every unit a match consumes is one of the phrase's word
   * keys, or part of one when glued to a neighbouring unit (no space between: "Erdo"+"g"+"an"). So a token whose
   * units all stand alone (spaces on both sides) and are no word of any entry phrase is in no entry match.
   * Undecided (true) for a glued unit or a token without units.
   */
  mayJoinEntry(tokens: Token[], tok: number): boolean {
    const U = unitsOf(tokens);
    let any = false;
    for (let u = U.firstUnit[tok]; u >= 0 && u < U.n && U.tok[u] === tok; u++) {
      any = true;
      const alone = !(U.flags[u] & GLUED) && !(u + 1 < U.n && U.flags[u + 1] & GLUED);
      if (!alone || this.entryWords().has(U.key[u])) return true;
    }
    return !any;
  }

  /** every word key of every entry phrase (built on first use, reset by add) */
  private entryWords(): Set<string> {
    if (!this.entryKeys) {
      const set = new Set<string>();
      for (const list of this.byFirst.values()) for (const p of list) if (p.value.type === 'entry') for (const k of p.keys) set.add(k);
      this.entryKeys = set;
    }
    return this.entryKeys;
  }

  private prepare(): void {
    if (!this.dirty) return;
    for (const list of this.byFirst.values()) {
      list.sort((a, b) => b.keys.length - a.keys.length || b.layer - a.layer);
    }
    this.buckets = new Map();
    for (const [k, list] of this.byFirst) {
      this.buckets.set(k, {
        phrases: list,
        lens: list.map((p) => p.keys.length),
        next: list.map((p) => (p.keys.length === 1 || (p.keys.length === 2 && p.value.type === 'agent') ? -1 : p.keys[1].charCodeAt(0))),
      });
    }
    const agentWords = new Map<string, Phrase>();
    for (const [k, list] of this.byFirst) {
      const p = list.find((q) => q.keys.length === 1 && q.value.type === 'agent');
      if (p) agentWords.set(k, p);
    }
    this.agentWords = agentWords;
    this.pluralAgents = pluralIndex(this.byFirst, (k) => this.oneWordAgent(k));
    const words = KeyFilter.forCount(this.byFirst.size + this.pluralAgents.size);
    for (const k of this.byFirst.keys()) words.add(k);
    for (const k of this.pluralAgents.keys()) words.add(k);
    this.words = words;
    this.dirty = false;
  }

  /** Every phrase that has this first-word key (for `dyad actors lookup`). */
  phrasesFor(words: string[]): { text: string; value: LexValue; layer: number }[] {
    this.prepare();
    const list = this.byFirst.get(words[0]) ?? [];
    return list.filter((p) => p.keys.length === words.length && p.keys.every((k, i) => k === words[i])).map((p) => ({ text: p.text, value: p.value, layer: p.layer }));
  }

  /** The longest phrase starting at unit u (not crossing token `endTok`), or null. */
  matchUnit(tokens: Token[], u: number, endTok: number): LexMatch | null {
    this.prepare();
    return this.matchFrom(tokens, unitsOf(tokens), u, endTok);
  }

  /** matchUnit on the token list's units (prepared) */
  private matchFrom(tokens: Token[], U: Units, u: number, endTok: number): LexMatch | null {
    if (u >= U.n || U.tok[u] >= endTok) return null;
    const startTok = U.tok[u];
    // candidate first-word keys: the unit alone, or glued with the next units ("Erdo"+"g"+"an")
    let best: Phrase | null = null; // and the unit it ends before (two locals: no object per match)
    let bestEnd = 0;
    let acc = '';
    let keyMay = false; // words.mayHaveKey(start.key), asked once for both lookups of the key
    for (let j = u; j < U.n && j < u + 4; j++) {
      if (j > u && !(U.flags[j] & GLUED)) break;
      if (U.tok[j] >= endTok) break;
      acc += U.key[j];
      const may = this.words.mayHaveKey(acc);
      if (j === u) keyMay = may;
      const bucket = may ? this.buckets.get(acc) : undefined;
      if (bucket) {
        // a phrase of more words matches only if its second word starts as the next unit's key (matchPhrase
        // reads it as a prefix of that word), unless it is a two-word agent (see Bucket)
        const nextChar = j + 1 < U.n && U.tok[j + 1] < endTok ? U.key[j + 1].charCodeAt(0) : -2;
        const { phrases, lens, next } = bucket;
        // sorted longest first, then by layer: the first phrase that matches is this bucket's best
        for (let k = 0; k < phrases.length; k++) {
          if (best && lens[k] < best.keys.length) break;
          if (next[k] >= 0 && next[k] !== nextChar) continue;
          const p = phrases[k];
          const e = this.matchPhrase(tokens, U, p, u, j + 1, endTok);
          if (e < 0) continue;
          if (!best || p.keys.length > best.keys.length || p.layer > best.layer) { best = p; bestEnd = e; }
          break;
        }
      }
    }
    if (!best && U.flags[u] & WHOLE) {
      // an agent of one word matched by lemma ("troops" → troop), or by a plain plural when the tagger
      // took a capitalised plural for a name ("Militias attacked")
      // the lemma's key: a plain word's lemma equal to its key is its own key (most words: "of", "police")
      const lemma = tokens[startTok].lemma;
      const key = U.key[u];
      const p = this.singularAgent(key, U.flags[u] & PLAIN && lemma === key ? lemma : keyOf(lemma), keyMay);
      if (p) { best = p; bestEnd = u + 1; }
    }
    if (!best) return null;
    return {
      start: startTok,
      end: U.tok[bestEnd - 1] + 1,
      value: best.value,
      phrase: best.text,
      partial: u > 0 && U.tok[u - 1] === startTok,
    };
  }

  /**
   * the first one-word agent phrase under the singulars of a key, in their order (as singulars() lists them):
   * the lemma, then the plain plurals, looked up as the key itself in pluralAgents (keyMay: words.mayHaveKey(key))
   */
  private singularAgent(key: string, lemma: string, keyMay: boolean): Phrase | null {
    if (lemma !== key && this.words.mayHaveKey(lemma)) {
      const p = this.oneWordAgent(lemma);
      if (p) return p;
    }
    return keyMay ? this.pluralAgents.get(key) ?? null : null;
  }

  /** the first one-word agent phrase (in the sorted list) of a word key (prepared) */
  private oneWordAgent(k: string): Phrase | null {
    return this.agentWords.get(k) ?? null;
  }

  /** Match phrase p whose first word ends at unit `next` (exclusive); returns the end unit or -1. */
  private matchPhrase(tokens: Token[], U: Units, p: Phrase, first: number, next: number, endTok: number): number {
    if (!this.caseOk(p, 0, U, first, next)) return -1;
    let j = next;
    for (let w = 1; w < p.keys.length; w++) {
      const want = p.keys[w];
      const isLast = w === p.keys.length - 1;
      let acc = '';
      const from = j;
      let ok = false;
      while (j < U.n && U.tok[j] < endTok) {
        if (j > from && !(U.flags[j] & GLUED)) break;
        acc += U.key[j];
        j++;
        if (acc === want) { ok = true; break; }
        if (!want.startsWith(acc)) break;
      }
      if (!ok && isLast && p.value.type === 'agent' && from < U.n && U.flags[from] & WHOLE && U.tok[from] < endTok && singulars(U.key[from], keyOf(tokens[U.tok[from]].lemma)).includes(want)) {
        j = from + 1;
        ok = true;
      }
      if (!ok) return -1;
      if (!this.caseOk(p, w, U, from, j)) return -1;
    }
    return j;
  }

  private caseOk(p: Phrase, w: number, U: Units, a: number, b: number): boolean {
    if (p.casing === 'any') return true;
    let raw = '';
    for (let k = a; k < b; k++) raw += U.raw[k];
    if (p.casing === 'exact') return raw === p.raw[w];
    return w > 0 || startsUpperOrDigit(raw);
  }

  /**
   * The match at unit u of the last token list scanned, bounded only by the list's end (null: none; undefined:
   * not yet computed). Keyed by the unit table's generation, so it lasts exactly as long as unitsOf's entry: one
   * document. The array is reused from list to list.
   */
  private openMatches: (LexMatch | null | undefined)[] = [];
  private openGen = -1;

  /**
   * matchFrom(tokens, units, u, endTok), reusing the match at u computed with no bound but the list's end (M).
   * A bound only takes candidates away: a phrase that matches under it matches without it too, and a phrase
   * whose unbounded match ends by endTok matches under the bound with the same end (it reads no unit past its
   * end but to fail). The best phrase is the longest, then the highest layer, then the one with the shortest
   * first word, and the single-word agent fallback (which reads one unit) only applies when no phrase matches.
   * So no match without the bound means none under it, and an M that ends by endTok is still the best under it:
   * it still matches, and anything that outranked it under the bound would have outranked it without. Only an
   * M that runs past endTok is matched again under the bound (60 of ~27,000 per bench pass).
   */
  private matchBounded(tokens: Token[], U: Units, u: number, endTok: number): LexMatch | null {
    if (U.tok[u] >= endTok) return null;
    if (this.openGen !== U.gen) {
      this.openGen = U.gen;
      // entries past U.n are stale and never read; the array only grows
      if (this.openMatches.length < U.n) this.openMatches = new Array<LexMatch | null | undefined>(U.n);
      else this.openMatches.fill(undefined, 0, U.n);
    }
    let m = this.openMatches[u];
    if (m === undefined) m = this.openMatches[u] = this.matchFrom(tokens, U, u, tokens.length);
    if (m === null || m.end <= endTok) return m;
    return this.matchFrom(tokens, U, u, endTok);
  }

  /** Scan a token range left to right, longest match first; returns non-overlapping matches. */
  scan(tokens: Token[], startTok: number, endTok: number): LexMatch[] {
    this.prepare();
    const U = unitsOf(tokens);
    const out: LexMatch[] = [];
    let u = U.firstUnit[startTok];
    while (u >= 0 && u < U.n && U.tok[u] < endTok) {
      const m = this.matchBounded(tokens, U, u, endTok);
      if (m) {
        out.push(m);
        // continue after the last matched token
        let next = u + 1;
        while (next < U.n && U.tok[next] < m.end) next++;
        u = next;
      } else u++;
    }
    return out;
  }
}
