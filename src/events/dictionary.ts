import { readFileSync } from 'node:fs';
import { DyadError } from '../core/errors.js';

/** One element after the verb: alternatives (each one or more words), or the target slot. */
export type Elem = { kind: 'word'; alts: string[][] } | { kind: 'target' } | { kind: 'compound' };

export interface VerbPattern {
  /** verb lemma (verbs.txt) or noun lemma (nouns.txt) */
  head: string;
  elems: Elem[];
  /**
   * words that must come before the head in the same sentence, in order (`said would > act`): PETRARCH's
   * pre-verb pattern parts. Empty for most patterns.
   */
  pre: Elem[];
  /** the last `pre` element must stand immediately before the head (`not >> clash`) */
  preAdjacent: boolean;
  /** CAMEO code for source→target, or null for a recognised phrase with no event ("---") */
  code: string | null;
  /** for paired codes "042:043", the target→source code */
  reverse: string | null;
  text: string;
  origin: string;
}

/** Compiled patterns keyed by head lemma, longest first. */
export class VerbDictionary {
  readonly byHead = new Map<string, VerbPattern[]>();
  size = 0;

  add(p: VerbPattern): void {
    let list = this.byHead.get(p.head);
    if (!list) this.byHead.set(p.head, (list = []));
    // insert after the last pattern of equal or greater weight (stable, no re-sort: big imports stay linear)
    const w = weight(p);
    let at = list.length;
    while (at > 0 && weight(list[at - 1]) < w) at--;
    list.splice(at, 0, p);
    this.size++;
  }

  /** merge another dictionary on top: its patterns come first among equals */
  merge(other: VerbDictionary): void {
    for (const list of other.byHead.values()) for (const p of list) this.add(p);
  }

  codes(): Set<string> {
    const s = new Set<string>();
    for (const list of this.byHead.values()) for (const p of list) {
      if (p.code) s.add(p.code);
      if (p.reverse) s.add(p.reverse);
    }
    return s;
  }
}

function weight(p: VerbPattern): number {
  let w = 0;
  for (const e of p.elems) w += e.kind === 'word' ? 2 : 1;
  return w + 2 * p.pre.length;
}

// codes are CAMEO numbers; a trailing capital ("174K", PETRARCH/TABARI test codes) is accepted for imported
// dictionaries and kept only when the caller asks for codes outside CAMEO (anyCode)
const LINE = /^(.*?)\s*\[\s*([0-9]{2,4}[A-Z]?|---)\s*(?::\s*([0-9]{2,4}[A-Z]?))?\s*\]\s*(?:#.*)?$/;

/**
 * Parse dyad's pattern syntax (docs/grammar.md): `verb word|alt &SET * [CODE]`, `[A:B]` paired codes,
 * `[---]` no event, `&SET = a|b_c` synonym sets, `before words > verb …` / `before >> verb …` words that
 * precede the verb (with gaps / the last one adjacent). Errors carry file:line.
 */
export function parsePatterns(text: string, file: string, into = new VerbDictionary()): VerbDictionary {
  const sets = new Map<string, string[][]>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const where = `${file}:${i + 1}`;
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const setDef = /^&([A-Z0-9_]+)\s*=\s*(.+?)\s*(?:#.*)?$/.exec(line.trim());
    if (setDef) {
      sets.set(setDef[1], setDef[2].split('|').map((w) => w.trim().toLowerCase().split('_').filter(Boolean)).filter((a) => a.length));
      continue;
    }
    const m = LINE.exec(line.trim());
    if (!m) throw new DyadError('E_DICT_SYNTAX', `expected 'PATTERN [CODE]', got '${line.trim()}'`, where);
    let words = m[1].trim().split(/\s+/).filter(Boolean);
    // "said would > act * [1010]": words before the verb; '>>' = the last of them right before it
    const sep = words.findIndex((w) => w === '>' || w === '>>');
    let preWords: string[] = [];
    let preAdjacent = false;
    if (sep >= 0) {
      preWords = words.slice(0, sep);
      preAdjacent = words[sep] === '>>';
      words = words.slice(sep + 1);
      if (!preWords.length) throw new DyadError('E_DICT_SYNTAX', `'${words.length ? '>' : m[1]}' needs words before it`, where);
      if (words.some((w) => w === '>' || w === '>>')) throw new DyadError('E_DICT_SYNTAX', `only one '>' per pattern`, where);
    }
    if (!words.length) throw new DyadError('E_DICT_SYNTAX', 'pattern has no verb', where);
    // the head may list alternatives or a synonym set: "pledge|promise send aid to *", "&TALK with *"
    const heads: string[][] = [];
    for (const h of words[0].split('|')) {
      if (h.startsWith('&')) {
        const set = sets.get(h.slice(1));
        if (!set) throw new DyadError('E_DICT_SYNTAX', `synonym set ${h} is not defined before use`, where);
        heads.push(...set);
      } else heads.push(h.toLowerCase().split('_').filter(Boolean));
    }
    for (const h of heads) if (!h.length || !/^[a-z][a-z'-]*$/.test(h[0])) throw new DyadError('E_DICT_SYNTAX', `'${h.join('_')}' is not a lemma`, where);
    const wordElem = (w: string): Elem => {
      const alts: string[][] = [];
      for (const part of w.split('|')) {
        // words and sets joined by '_' are consecutive: "most_certainly_&NEG_ever" → one alternative per member
        let seqs: string[][] = [[]];
        // set names may hold '_' (&PEACE_TALK): upper-case segments after '&NAME' continue the name
        const segs: string[] = [];
        for (const seg of part.split('_').filter(Boolean)) {
          const last = segs[segs.length - 1];
          if (last?.startsWith('&') && /^[A-Z0-9]+$/.test(seg)) segs[segs.length - 1] = `${last}_${seg}`;
          else segs.push(seg);
        }
        for (const seg of segs) {
          if (seg.startsWith('&')) {
            const set = sets.get(seg.slice(1));
            if (!set) throw new DyadError('E_DICT_SYNTAX', `synonym set ${seg} is not defined before use`, where);
            seqs = seqs.flatMap((q) => set.map((m) => [...q, ...m]));
          } else seqs = seqs.map((q) => [...q, seg.toLowerCase()]);
        }
        for (const q of seqs) if (q.length) alts.push(q);
      }
      if (!alts.length) throw new DyadError('E_DICT_SYNTAX', `empty element in '${m[1]}'`, where);
      return { kind: 'word', alts };
    };
    const elems: Elem[] = [];
    for (const w of words.slice(1)) elems.push(w === '*' ? { kind: 'target' } : wordElem(w));
    const pre: Elem[] = [];
    for (const w of preWords) {
      if (w === '*') throw new DyadError('E_DICT_SYNTAX', `the target slot '*' cannot come before the verb`, where);
      // '%': the subject is a coordination of actors, and the event is between them ("A and B have postponed")
      pre.push(w === '%' ? { kind: 'compound' } : wordElem(w));
    }
    if (pre.some((e) => e.kind === 'compound') && elems.some((e) => e.kind === 'target')) throw new DyadError('E_DICT_SYNTAX', `a pattern with '%' (an event between the subject's actors) cannot have a target slot '*'`, where);
    for (const head of heads) into.add({
      head: head[0],
      // a multiword head ("peace_talk") keeps its other words as the first elements
      elems: [...head.slice(1).map((w): Elem => ({ kind: 'word', alts: [[w]] })), ...elems],
      pre,
      preAdjacent,
      code: m[2] === '---' ? null : m[2],
      reverse: m[3] ?? null,
      text: m[1].trim(),
      origin: where,
    });
  }
  return into;
}

export function loadPatternFile(file: string, into?: VerbDictionary): VerbDictionary {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DyadError('E_DICT_READ', `cannot read ${file}: ${(e as Error).message}`);
  }
  return parsePatterns(text, file, into);
}
