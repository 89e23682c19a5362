import { readFileSync } from 'node:fs';
import { DyadError } from '../core/errors.js';

/** One element after the verb: alternatives (each one or more words), or the target slot. */
export type Elem = { kind: 'word'; alts: string[][] } | { kind: 'target' };

export interface VerbPattern {
  /** verb lemma (verbs.txt) or noun lemma (nouns.txt) */
  head: string;
  elems: Elem[];
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
  return w;
}

const LINE = /^(.*?)\s*\[\s*([0-9]{2,4}|---)\s*(?::\s*([0-9]{2,4}))?\s*\]\s*(?:#.*)?$/;

/**
 * Parse dyad's pattern syntax (docs/dictionaries.md): `verb word|alt &SET * [CODE]`, `[A:B]` paired codes,
 * `[---]` no event, `&SET = a|b_c` synonym sets. Errors carry file:line.
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
    const words = m[1].trim().split(/\s+/).filter(Boolean);
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
    const elems: Elem[] = [];
    for (const w of words.slice(1)) {
      if (w === '*') {
        elems.push({ kind: 'target' });
        continue;
      }
      const alts: string[][] = [];
      for (const part of w.split('|')) {
        if (part.startsWith('&')) {
          const set = sets.get(part.slice(1));
          if (!set) throw new DyadError('E_DICT_SYNTAX', `synonym set ${part} is not defined before use`, where);
          alts.push(...set);
        } else if (part) alts.push(part.toLowerCase().split('_').filter(Boolean));
      }
      if (!alts.length) throw new DyadError('E_DICT_SYNTAX', `empty element in '${m[1]}'`, where);
      elems.push({ kind: 'word', alts });
    }
    for (const head of heads) into.add({
      head: head[0],
      // a multiword head ("peace_talk") keeps its other words as the first elements
      elems: [...head.slice(1).map((w): Elem => ({ kind: 'word', alts: [[w]] })), ...elems],
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
