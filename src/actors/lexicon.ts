import type { Token } from '../core/doc.js';

/** What a matched phrase stands for. */
export type LexValue =
  | { type: 'entry'; entryIndex: number; role: 'name' | 'demonym' | 'capital' }
  | { type: 'agent'; sector: string; priority: number; phrase: string };

interface Phrase {
  words: string[]; // lower case
  /** 'exact' for all-caps acronyms (US, UN), 'cap' when the phrase is capitalised, 'any' otherwise */
  casing: 'exact' | 'cap' | 'any';
  raw: string[];
  value: LexValue;
}

/** Split a dictionary phrase into words the way wink-nlp tokenises ("Haftar's" → "Haftar", "'s"). */
export function phraseWords(s: string): string[] {
  const out: string[] = [];
  for (const w of s.trim().split(/\s+/)) {
    if (!w) continue;
    const m = /^(.+?)('s|’s)$/.exec(w);
    if (m) out.push(m[1], m[2]);
    else out.push(w);
  }
  return out;
}

/**
 * A phrase dictionary keyed by first word, matched longest-first over tokens. Case rules keep "US" apart
 * from "us" and "Chad" the country apart from "chad"; agents match the last word by lemma ("troops").
 */
export class Lexicon {
  private byFirst = new Map<string, Phrase[]>();
  size = 0;

  add(phrase: string, value: LexValue): void {
    const raw = phraseWords(phrase);
    if (!raw.length) return;
    const words = raw.map((w) => w.toLowerCase());
    let casing: Phrase['casing'] = 'any';
    if (value.type === 'entry') {
      const letters = raw.join('').replace(/[^A-Za-z]/g, '');
      casing = letters.length >= 2 && letters === letters.toUpperCase() ? 'exact' : /^[A-Z]/.test(raw[0]) ? 'cap' : 'any';
    }
    const list = this.byFirst.get(words[0]) ?? [];
    if (list.some((p) => p.words.join(' ') === words.join(' ') && sameValue(p.value, value))) return;
    list.push({ words, casing, raw, value });
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(words[0], list);
    this.size++;
  }

  /** Longest phrase starting at token k (not crossing `end`), or null. */
  matchAt(tokens: Token[], k: number, end: number): { end: number; value: LexValue; phrase: string } | null {
    const t = tokens[k];
    const a = this.byFirst.get(t.lower);
    const b = t.lemma !== t.lower ? this.byFirst.get(t.lemma) : undefined;
    if (!a && !b) return null;
    const list = a && b ? [...a, ...b].sort((x, y) => y.words.length - x.words.length) : (a ?? b)!;
    for (const p of list) {
      const n = p.words.length;
      if (k + n > end) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) {
        const tok = tokens[k + j];
        const w = p.words[j];
        if (tok.lower !== w && !(p.value.type === 'agent' && j === n - 1 && tok.lemma === w)) ok = false;
        else if (p.casing === 'exact' && tok.text !== p.raw[j]) ok = false;
        else if (p.casing === 'cap' && j === 0 && !/^[A-Z0-9]/.test(tok.text)) ok = false;
      }
      if (ok) return { end: k + n, value: p.value, phrase: p.raw.join(' ') };
    }
    return null;
  }
}

function sameValue(a: LexValue, b: LexValue): boolean {
  if (a.type === 'entry' && b.type === 'entry') return a.entryIndex === b.entryIndex && a.role === b.role;
  if (a.type === 'agent' && b.type === 'agent') return a.sector === b.sector;
  return false;
}
