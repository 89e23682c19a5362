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

const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

/**
 * A compiled discard list. Matching is case-insensitive on the sentence text; phrases match at word
 * starts, and at word ends unless they are stems. Phrases are indexed by their first three characters
 * and tried only at word starts, so a few hundred phrases cost little per sentence.
 */
export class DiscardList {
  readonly rules: DiscardRule[] = [];
  private index: Map<string, Compiled[]> | null = null;
  private regexes: { re: RegExp; rule: DiscardRule }[] = [];

  add(rule: DiscardRule): void {
    this.rules.push(rule);
    this.index = null;
  }

  addAll(other: DiscardList): void {
    for (const r of other.rules) this.add(r);
  }

  get size(): number {
    return this.rules.length;
  }

  private compile(): Map<string, Compiled[]> {
    if (this.index) return this.index;
    const index = new Map<string, Compiled[]>();
    this.regexes = [];
    for (const rule of this.rules) {
      if (rule.regex) { this.regexes.push({ re: new RegExp(rule.phrase, 'iu'), rule }); continue; }
      const text = normalise(rule.phrase).trim();
      if (!text) continue;
      const key = text.slice(0, 3);
      const list = index.get(key) ?? [];
      list.push({ text, rule });
      index.set(key, list);
    }
    this.index = index;
    return index;
  }

  /** The first rule matching the text (story rules first), with the matched text. */
  match(text: string, scope?: 'sentence' | 'story'): { rule: DiscardRule; matched: string } | null {
    const index = this.compile();
    const t = normalise(text);
    let best: { rule: DiscardRule; matched: string } | null = null;
    for (let i = 0; i < t.length && !(best && best.rule.scope === 'story'); i++) {
      if (isWordChar(t[i - 1]) || !isWordChar(t[i]) && !/[+$€£#]/.test(t[i])) continue;
      for (let k = 1; k <= 3; k++) {
        const list = index.get(t.slice(i, i + k));
        if (!list) continue;
        for (const c of list) {
          if (scope && c.rule.scope !== scope) continue;
          if (!t.startsWith(c.text, i)) continue;
          if (!c.rule.stem && isWordChar(t[i + c.text.length])) continue;
          if (!best || (c.rule.scope === 'story' && best.rule.scope !== 'story')) best = { rule: c.rule, matched: text.slice(i, i + c.text.length) };
        }
      }
    }
    if (best) return best;
    for (const r of this.regexes) {
      if (scope && r.rule.scope !== scope) continue;
      const m = r.re.exec(text);
      if (m) return { rule: r.rule, matched: m[0] };
    }
    return null;
  }
}

/** lower case, with whitespace and underscores as single spaces; the same length as the input */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[\s_]/g, ' ');
}

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
