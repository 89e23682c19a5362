import { DyadError } from '../core/errors.js';

/** One discard rule: a phrase (or a regular expression) that marks a sentence or a whole story as not political. */
export interface DiscardRule {
  /** the phrase as written ("Premier League"), or the regex source */
  phrase: string;
  /** 'story': the whole article is discarded ("+phrase"); 'sentence': only the sentence */
  scope: 'sentence' | 'story';
  /** the last word may continue ("basketball" in "basketballer"); otherwise whole words only */
  stem: boolean;
  /** a JavaScript regular expression (dyad files: /.../) */
  regex: boolean;
  /** the section it came from ("sports", "markets"...), for the reason */
  category: string;
  origin: string;
}

/** one phrase rule, compiled: lower-case words joined by single spaces */
interface Compiled {
  text: string;
  rule: DiscardRule;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** ASCII letters and digits, by character code */
const ASCII_WORD = new Uint8Array(128);
for (let x = 0; x < 128; x++) ASCII_WORD[x] = (x >= 97 && x <= 122) || (x >= 48 && x <= 57) || (x >= 65 && x <= 90) ? 1 : 0;
/** is the UTF-16 unit at s[i] a letter or digit (any script)? false outside s. ASCII without the regex: this runs on every character */
const isWordAt = (s: string, i: number): boolean => {
  if (i < 0 || i >= s.length) return false;
  const x = s.charCodeAt(i);
  if (x < 128) return (x >= 97 && x <= 122) || (x >= 48 && x <= 57) || (x >= 65 && x <= 90);
  return WORD_CHAR.test(s[i]);
};
/** + $ € £ #: a phrase may also start at one of these ("$100 million", "#metoo") */
const isSign = (x: number) => x === 43 || x === 36 || x === 0x20ac || x === 0xa3 || x === 35;

/**
 * A compiled discard list. Matching is case-insensitive on the sentence text; phrases match at word
 * starts, and at word ends unless they are stems. Phrases are indexed by their first character
 * and tried only at word starts, so a few hundred phrases cost little per sentence.
 */
export class DiscardList {
  readonly rules: DiscardRule[] = [];
  private index: Map<number, Compiled[]> | null = null;
  /** the same lists holding only one scope's rules (match() is called per scope) */
  private scoped: Record<'sentence' | 'story', Map<number, Compiled[]>> | null = null;
  private regexes: { re: RegExp; rule: DiscardRule; digit: boolean; chars: string | null }[] = [];
  /** is there a regex rule of this scope (set by compile) */
  private regexScopes = { sentence: false, story: false };
  /** per lookup map (all, or one scope's): its phrases by their first two characters (see byTwo) */
  private twoChar = new Map<Map<number, Compiled[]>, TwoCharIndex>();

  add(rule: DiscardRule): void {
    this.rules.push(rule);
    this.index = null;
    this.scoped = null;
    this.twoChar.clear();
  }

  addAll(other: DiscardList): void {
    for (const r of other.rules) this.add(r);
  }

  get size(): number {
    return this.rules.length;
  }

  private compile(): Map<number, Compiled[]> {
    if (this.index) return this.index;
    // by first character; each list in the order of a lookup by the first 1, 2, then 3 characters
    // (shorter keys first), rule order within a key length: one Map lookup per word start, no slicing
    const index = new Map<number, Compiled[]>();
    this.regexes = [];
    this.regexScopes = { sentence: false, story: false };
    for (const rule of this.rules) {
      if (rule.regex) {
        this.regexes.push({ re: new RegExp(rule.phrase, 'iu'), rule, digit: requiresDigit(rule.phrase), chars: requiredChars(rule.phrase) });
        this.regexScopes[rule.scope] = true;
        continue;
      }
      const text = normalise(rule.phrase).trim();
      if (!text) continue;
      const key = text.charCodeAt(0);
      const list = index.get(key) ?? [];
      list.push({ text, rule });
      index.set(key, list);
    }
    for (const list of index.values()) list.sort((a, b) => Math.min(3, a.text.length) - Math.min(3, b.text.length)); // stable
    const scoped = { sentence: new Map<number, Compiled[]>(), story: new Map<number, Compiled[]>() };
    for (const [key, list] of index) {
      for (const scope of ['sentence', 'story'] as const) {
        const only = list.filter((c) => c.rule.scope === scope);
        if (only.length) scoped[scope].set(key, only);
      }
    }
    this.scoped = scoped;
    this.index = index;
    return index;
  }

  /** the two-character index of a lookup map, built on first use */
  private twoCharOf(index: Map<number, Compiled[]>): TwoCharIndex {
    let two = this.twoChar.get(index);
    if (!two) { two = byTwo(index); this.twoChar.set(index, two); }
    return two;
  }

  /** The first rule matching the text (story rules first), with the matched text. */
  match(text: string, scope?: 'sentence' | 'story'): { rule: DiscardRule; matched: string } | null {
    const all = this.compile();
    const index = scope ? this.scoped![scope] : all;
    // nothing to look for (dyad's own list has no story phrases): skip the pass over the text
    if (!index.size && !(scope ? this.regexScopes[scope] : this.regexes.length > 0)) return null;
    const two = this.twoCharOf(index);
    // the scan over the characters is its own function: inlined here, under the result of normalise, V8 ran it
    // about twice as slowly (measured on the bench sentences: 2.2 → 1.1 µs per sentence)
    // an ASCII text (most sentences) is read in place, its characters folded as normalise would: no lower-cased copy
    // (the index holds the asked scope's phrases only, so the scans need not test a candidate's scope)
    let best = scanAscii(two, text);
    if (best === NOT_ASCII) best = scanPhrases(two, normalise(text), text);
    if (best) return best;
    let digits: boolean | undefined; // does the text hold an ASCII digit (asked once, if a rule needs one)
    for (const r of this.regexes) {
      if (scope && r.rule.scope !== scope) continue;
      if (r.digit && !(digits ??= DIGIT.test(text))) continue; // no match can exist: skip the regex
      if (r.chars !== null && !holdsAny(text, r.chars)) continue; // the same for a required dash ("2-1 win")
      const m = r.re.exec(text);
      if (m) return { rule: r.rule, matched: m[0] };
    }
    return null;
  }
}


type Found = { rule: DiscardRule; matched: string };
/** scanAscii's answer for a text that is not all ASCII (the caller then runs scanPhrases on the normalised text) */
const NOT_ASCII: Found = { rule: { phrase: '', scope: 'sentence', stem: false, regex: false, category: '', origin: '' }, matched: '' };
/**
 * normalise on one ASCII character code: A-Z lower case, the ASCII blanks \t \n \v \f \r and "_" a space (on an
 * all-ASCII text normalise maps each character alone, so its result at i is FOLD[text.charCodeAt(i)])
 */
const FOLD = new Uint8Array(128);
for (let x = 0; x < 128; x++) FOLD[x] = x >= 65 && x <= 90 ? x + 32 : (x >= 9 && x <= 13) || x === 95 ? 32 : x;

/**
 * scanPhrases(two, normalise(text), text) for an all-ASCII text, reading text in place; NOT_ASCII as soon as
 * it meets a character of 128 or more (before answering, it has checked every character of the text).
 */
function scanAscii(two: TwoCharIndex, text: string): Found | null {
  const n = text.length;
  let best: Found | null = null;
  let prevWord = false;
  for (let i = 0; i < n; i++) {
    const x = text.charCodeAt(i);
    if (x >= 128) return NOT_ASCII;
    const word = ASCII_WORD[x] === 1;
    const inside = prevWord;
    prevWord = word;
    if (inside || (!word && !isSign(x))) continue;
    const y = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    if (y >= 128) return NOT_ASCII;
    const c0 = FOLD[x];
    const c1 = y >= 0 ? FOLD[y] : -1;
    const asciiPair = c1 >= 0 ? (c0 << 7) | c1 : -1;
    let list = asciiPair >= 0 ? two.asciiPairs[asciiPair] : undefined;
    const byThird = list && list.length > THIRD_CHAR_AFTER ? two.asciiThirds[asciiPair] : undefined;
    if (byThird) {
      const z = i + 2 < n ? text.charCodeAt(i + 2) : -1;
      if (z >= 128) return NOT_ASCII;
      list = (z >= 0 ? byThird.get(FOLD[z]) : undefined) ?? two.upToTwo.get(c0 * 0x10000 + c1);
    }
    list ??= two.singles.get(c0);
    if (!list) continue;
    for (const c of list) {
      const at = foldedAt(text, i, c.text);
      if (at === NOT_ASCII_AT) return NOT_ASCII;
      if (!at) continue;
      const after = i + c.text.length;
      if (after < n && text.charCodeAt(after) >= 128) return NOT_ASCII;
      if (!c.rule.stem && after < n && ASCII_WORD[text.charCodeAt(after)] === 1) continue;
      if (!best || (c.rule.scope === 'story' && best.rule.scope !== 'story')) best = { rule: c.rule, matched: text.slice(i, after) };
    }
    if (best && best.rule.scope === 'story') {
      // nothing outranks a story rule; the answer holds only if the rest of the text is ASCII too
      for (let k = i + 1; k < n; k++) if (text.charCodeAt(k) >= 128) return NOT_ASCII;
      break;
    }
  }
  return best;
}

const NOT_ASCII_AT = 2;
/** does the folded text at i start with p (1 or 0)? NOT_ASCII_AT when a character read is not ASCII */
function foldedAt(text: string, i: number, p: string): number {
  if (i + p.length > text.length) return 0;
  for (let k = 0; k < p.length; k++) {
    const x = text.charCodeAt(i + k);
    if (x >= 128) return NOT_ASCII_AT;
    if (FOLD[x] !== p.charCodeAt(k)) return 0;
  }
  return 1;
}

/** the best phrase match in t (text normalised: see normalise) from the candidates of `two`; `text` gives the matched slice */
function scanPhrases(two: TwoCharIndex, t: string, text: string): { rule: DiscardRule; matched: string } | null {
  const n = t.length;
  let best: { rule: DiscardRule; matched: string } | null = null;
  let prevWord = false; // isWordAt(t, i - 1)
  // one character test per position, inline (this loop runs on every character of every sentence)
  for (let i = 0; i < n; i++) {
    const c0 = t.charCodeAt(i);
    const word = c0 < 128 ? ASCII_WORD[c0] === 1 : WORD_CHAR.test(t[i]);
    const inside = prevWord;
    prevWord = word;
    // phrases start at a word start (or a sign), never inside a word
    if (inside || (!word && !isSign(c0))) continue;
    // the phrases that can start here: first character t[i], and second character t[i + 1] unless one character long
    const c1 = i + 1 < n ? t.charCodeAt(i + 1) : -1;
    const pair = c1 >= 0 ? c0 * 0x10000 + c1 : -1;
    // two ASCII characters (nearly every word start) index an array: no Map lookup
    const asciiPair = c0 < 128 && c1 >= 0 && c1 < 128 ? (c0 << 7) | c1 : -1;
    let list = asciiPair >= 0 ? two.asciiPairs[asciiPair] : pair >= 0 ? two.pairs.get(pair) : undefined;
    // a long pair list ("in": "index rose", "indices fell"...): narrowed by the third character
    const byThird = list && list.length > THIRD_CHAR_AFTER ? (asciiPair >= 0 ? two.asciiThirds[asciiPair] : two.thirds.get(pair)) : undefined;
    if (byThird) list = (i + 2 < n ? byThird.get(t.charCodeAt(i + 2)) : undefined) ?? two.upToTwo.get(pair);
    list ??= two.singles.get(c0);
    if (!list) continue;
    for (const c of list) {
      if (!t.startsWith(c.text, i)) continue;
      if (!c.rule.stem && isWordAt(t, i + c.text.length)) continue;
      if (!best || (c.rule.scope === 'story' && best.rule.scope !== 'story')) best = { rule: c.rule, matched: text.slice(i, i + c.text.length) };
    }
    if (best && best.rule.scope === 'story') break; // nothing outranks a story rule
  }
  return best;
}

const DIGIT = /\d/;

/**
 * Must every match of this regular expression source hold an ASCII digit? True when a \d at the top level (not
 * inside a group, a class or an alternative) is repeated at least once (no quantifier, +, {n,} with n ≥ 1):
 * then a text without a digit cannot match, and the regex need not run. False when unsure.
 */
export function requiresDigit(source: string): boolean {
  let depth = 0;
  let found = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const e = source[++i];
      if (e === 'd' && depth === 0 && !optionalAt(source, i + 1)) found = true;
      continue;
    }
    if (c === '[') {
      // a character class: skip to its closing bracket (escapes included)
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false; // top-level alternatives: each would need its own digit
  }
  return found;
}

/**
 * Characters one of which every match of this regular expression source must hold, or null when unsure: the
 * first character class at the top level (not inside a group, no top-level alternatives) that no quantifier
 * makes optional and that lists punctuation only, with no escape, range or negation ("[-–]" in the score
 * rules). Punctuation has no case, so the 'i' flag cannot widen the class. A text holding none of them cannot
 * match, and the regex (the costliest part of a sentence's discard test) need not run.
 */
export function requiredChars(source: string): string | null {
  let depth = 0;
  let found: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (c === '[') {
      const from = i + 1;
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      const body = source.slice(from, i);
      if (found === null && depth === 0 && body.length > 0 && !optionalAt(source, i + 1) && PUNCTUATION_ONLY.test(body) && !/^\^|.-./su.test(body)) found = body;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return null; // top-level alternatives: each would need its own
  }
  return found;
}
const PUNCTUATION_ONLY = /^[^\\\p{L}\p{N}\p{S}\p{Z}\p{M}\p{C}]+$/u;

/** does s hold one of the characters of chars? */
function holdsAny(s: string, chars: string): boolean {
  for (let i = 0; i < chars.length; i++) if (s.includes(chars[i])) return true;
  return false;
}

/** does the quantifier at source[i] (if any) allow zero repetitions? */
function optionalAt(source: string, i: number): boolean {
  const q = source[i];
  if (q === '?' || q === '*') return true;
  if (q === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(source.slice(i));
    return !!m && Number(m[1]) === 0;
  }
  return false;
}

/**
 * A first-character lookup map split further by the second character: `pairs` holds, for every first and
 * second character of some phrase, the map's list for the first character restricted (in its order) to the
 * phrases with that second character or of one character; `singles` holds the one-character phrases alone.
 * A phrase whose second character differs from the text's cannot match there, so the candidates at a position
 * are the same phrases in the same order, fewer of them.
 */
interface TwoCharIndex {
  pairs: Map<number, Compiled[]>;
  singles: Map<number, Compiled[]>;
  /**
   * for a pair list longer than THIRD_CHAR_AFTER, the same split once more: by third character, the pair list
   * restricted (in its order) to the phrases of one or two characters and those with that third character;
   * `upToTwo` holds the one- and two-character phrases alone (for a third character no phrase has, or none)
   */
  thirds: Map<number, Map<number, Compiled[]>>;
  upToTwo: Map<number, Compiled[]>;
  /** `pairs` and `thirds` for two ASCII characters c0 c1, at (c0 << 7) | c1 (undefined where the Map has none) */
  asciiPairs: (Compiled[] | undefined)[];
  asciiThirds: (Map<number, Compiled[]> | undefined)[];
}

const THIRD_CHAR_AFTER = 4;

function byTwo(index: Map<number, Compiled[]>): TwoCharIndex {
  const pairs = new Map<number, Compiled[]>();
  const singles = new Map<number, Compiled[]>();
  for (const [c0, list] of index) {
    const ones = list.filter((c) => c.text.length === 1);
    if (ones.length) singles.set(c0, ones);
    const seconds = new Set(list.filter((c) => c.text.length > 1).map((c) => c.text.charCodeAt(1)));
    for (const c1 of seconds) pairs.set(c0 * 0x10000 + c1, list.filter((c) => c.text.length === 1 || c.text.charCodeAt(1) === c1));
  }
  const thirds = new Map<number, Map<number, Compiled[]>>();
  const upToTwo = new Map<number, Compiled[]>();
  for (const [pair, list] of pairs) {
    if (list.length <= THIRD_CHAR_AFTER) continue;
    const by = new Map<number, Compiled[]>();
    for (const c2 of new Set(list.filter((c) => c.text.length > 2).map((c) => c.text.charCodeAt(2)))) by.set(c2, list.filter((c) => c.text.length <= 2 || c.text.charCodeAt(2) === c2));
    thirds.set(pair, by);
    upToTwo.set(pair, list.filter((c) => c.text.length <= 2));
  }
  const asciiPairs = new Array<Compiled[] | undefined>(128 * 128).fill(undefined);
  const asciiThirds = new Array<Map<number, Compiled[]> | undefined>(128 * 128).fill(undefined);
  for (const [pair, list] of pairs) {
    const c0 = Math.floor(pair / 0x10000), c1 = pair % 0x10000;
    if (c0 < 128 && c1 < 128) {
      asciiPairs[(c0 << 7) | c1] = list;
      asciiThirds[(c0 << 7) | c1] = thirds.get(pair);
    }
  }
  return { pairs, singles, thirds, upToTwo, asciiPairs, asciiThirds };
}

/** lower case, with whitespace and underscores as single spaces; the same length as the input */
function normalise(s: string): string {
  let low = s.toLowerCase();
  // a few letters lower-case to two characters ("İ" → "i̇"): keep those as they are, so offsets stay true
  if (low.length !== s.length) low = Array.from(s, (ch) => { const l = ch.toLowerCase(); return l.length === ch.length ? l : ch; }).join('');
  return low.replace(NOT_SPACE_BLANK, ' ');
}
/** \s and _ except ' ' itself (a space needs no replacing; most texts then have nothing to replace) */
const NOT_SPACE_BLANK = /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff_]/g;

/**
 * dyad's own discard file (data/actors/discards.txt): one rule per line, `[section]` lines name the
 * category; `+phrase` discards the story, `phrase*` is a stem, `/regex/` a regular expression.
 */
export function parseDiscards(text: string, file: string, into = new DiscardList()): DiscardList {
  let category = 'discard';
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const where = `${file}:${i + 1}`;
    let l = lines[i].replace(/\s+#.*$/, '').trim();
    if (!l || l.startsWith('#')) continue;
    const sec = /^\[([a-z][a-z -]*)\]$/i.exec(l);
    if (sec) { category = sec[1].trim(); continue; }
    let scope: DiscardRule['scope'] = 'sentence';
    if (l.startsWith('+')) { scope = 'story'; l = l.slice(1).trim(); }
    if (l.startsWith('/')) {
      if (l.length < 3 || !l.endsWith('/')) throw new DyadError('E_DICT_SYNTAX', `a regular expression discard must be written /.../, got '${l}'`, where);
      const src = l.slice(1, -1);
      try { new RegExp(src, 'iu'); } catch (e) { throw new DyadError('E_DICT_SYNTAX', `bad regular expression /${src}/: ${(e as Error).message}`, where); }
      into.add({ phrase: src, scope, stem: false, regex: true, category, origin: where });
      continue;
    }
    const stem = l.endsWith('*');
    if (stem) l = l.slice(0, -1).trim();
    if (!l || /[*]/.test(l)) throw new DyadError('E_DICT_SYNTAX', `a discard phrase may end with '*' only, got '${lines[i].trim()}'`, where);
    into.add({ phrase: l, scope, stem, regex: false, category, origin: where });
  }
  return into;
}
