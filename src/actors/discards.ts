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

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A compiled discard list. Matching is case-insensitive on the sentence text; phrases match at word
 * starts, and at word ends unless they are stems. Compiled into a few regular expressions on first use.
 */
export class DiscardList {
  readonly rules: DiscardRule[] = [];
  private compiled: { re: RegExp; rules: DiscardRule[]; scope: 'sentence' | 'story' }[] | null = null;

  add(rule: DiscardRule): void {
    this.rules.push(rule);
    this.compiled = null;
  }

  addAll(other: DiscardList): void {
    for (const r of other.rules) this.add(r);
  }

  get size(): number {
    return this.rules.length;
  }

  private compile(): NonNullable<DiscardList['compiled']> {
    if (this.compiled) return this.compiled;
    const out: NonNullable<DiscardList['compiled']> = [];
    for (const scope of ['story', 'sentence'] as const) {
      // phrases in groups of 200 per regex: one alternation each, with a capture group per rule
      const rules = this.rules.filter((r) => r.scope === scope && !r.regex);
      for (let i = 0; i < rules.length; i += 200) {
        const chunk = rules.slice(i, i + 200);
        out.push({ re: new RegExp(chunk.map((r) => `(${phraseRe(r)})`).join('|'), 'iu'), rules: chunk, scope });
      }
      // user regular expressions may hold their own groups: one RegExp each
      for (const r of this.rules) if (r.scope === scope && r.regex) out.push({ re: new RegExp(`(${r.phrase})`, 'iu'), rules: [r], scope });
    }
    this.compiled = out;
    return out;
  }

  /** The first rule matching the text (story rules first), with the matched text. */
  match(text: string, scope?: 'sentence' | 'story'): { rule: DiscardRule; matched: string } | null {
    for (const c of this.compile()) {
      if (scope && c.scope !== scope) continue;
      const m = c.re.exec(text);
      if (!m) continue;
      if (c.rules.length === 1) return { rule: c.rules[0], matched: m[0] };
      for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return { rule: c.rules[g - 1], matched: m[g] };
    }
    return null;
  }
}

function phraseRe(r: DiscardRule): string {
  const words = r.phrase.trim().split(/\s+/).map(escapeRe).join('[\\s_-]+');
  // a phrase starts at a word start; it ends at a word end unless it is a stem
  return `(?<![\\p{L}\\p{N}])${words}${r.stem ? '' : '(?![\\p{L}\\p{N}])'}`;
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
