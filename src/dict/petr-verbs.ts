import { DyadError } from '../core/errors.js';
import { petrLines } from './petr-lines.js';

export interface VerbImport {
  /** dyad verb-pattern text (data/verbs/verbs.txt syntax), parseable by parsePatterns() */
  text: string;
  warnings: string[];
  counts: {
    blocks: number;
    verbs: number;
    synsets: number;
    patterns: number;
    converted: number;
    skipped: number;
    /** why patterns were skipped: reason → count */
    skippedBy: Record<string, number>;
    transformations: number;
  };
}

interface Block {
  name: string;
  code: string;
  line: number;
  /** head lemma plus the words that must follow it ("cordon" + ["off"]) */
  verbs: { head: string; after: string[]; code: string | null; line: number }[];
  patterns: { body: string; code: string; line: number }[];
}

const CODE = /^(\d{2,4}[A-Z]?|---)(?::(\d{2,4}[A-Z]?))?$/;

/**
 * Convert a PETRARCH verb dictionary (PETRARCH-2 CAMEO.2.0.txt or PETRARCH-1/TABARI PETR.Validate.verbs.txt)
 * into dyad's verb-pattern syntax. Blocks `--- NAME [CODE] ---` list verbs (base form first; `{...}` forms
 * are not needed, dyad matches lemmas) and patterns `- PRE * POST [CODE]`. Post-verb words, `{A B}` noun
 * phrases (→ `a_b`), `(PREP NOUN)` phrases (→ `prep noun`), `A/B` alternatives (→ `a|b`), `+` (the target,
 * → `*`) and `&SYNSET`s (→ dyad `&SET = a|b` lines) convert. Patterns that need words before the verb, a
 * source after it (`$`), compound markers (`%`), codes that are not CAMEO numbers, or undefined synsets are
 * skipped and counted by reason. Transformations (`~ ...`) are counted and skipped.
 */
export function convertPetrVerbs(text: string, file: string): VerbImport {
  const warnings: string[] = [];
  const skippedBy: Record<string, number> = {};
  const counts = { blocks: 0, verbs: 0, synsets: 0, patterns: 0, converted: 0, skipped: 0, skippedBy, transformations: 0 };
  const skip = (why: string) => { counts.skipped++; skippedBy[why] = (skippedBy[why] ?? 0) + 1; };
  const synRaw = new Map<string, { members: string[]; line: number }>();
  const blocks: Block[] = [];
  let curSyn: { members: string[]; line: number } | null = null;
  let block: Block | null = null;
  for (const l of petrLines(text, file)) {
    const where = `${file}:${l.line}`;
    // TABARI comments start with ';' ("SCRAP {SCRAPS ...} ;shan 8/30/93")
    const t = l.text.replace(/\s*;.*$/, '').trim();
    if (!t) continue;
    if (t.startsWith('---')) {
      // "--- NAME [CODE] ---" (PETRARCH reads the first [code]; the closing --- is sometimes missing)
      let rest = t.slice(3).trim();
      const closed = rest.endsWith('---');
      if (closed) rest = rest.slice(0, -3).trim();
      const open = rest.indexOf('[');
      const close = open >= 0 ? rest.indexOf(']', open) : -1;
      if (open >= 0 && close < 0) throw new DyadError('E_DICT_SYNTAX', `block header code '${rest.slice(open)}' has no closing ']'`, where);
      const m = [t, (open >= 0 ? rest.slice(0, open) : rest).trim(), open >= 0 ? rest.slice(open + 1, close) : undefined, open >= 0 ? rest.slice(close + 1) : ''];
      if (!m[1] || /[\[\]]/.test(m[1])) throw new DyadError('E_DICT_SYNTAX', `verb block header must be '--- NAME [CODE] ---', got '${t}'`, where);
      if (!closed) warnings.push(`${where}: block header '${t}' lacks the closing '---'`);
      if (m[3]!.trim()) warnings.push(`${where}: block header '${t}': only the first code [${m[2]}] is used`);
      block = { name: m[1], code: (m[2] ?? '---').trim() || '---', line: l.line, verbs: [], patterns: [] };
      blocks.push(block);
      curSyn = null;
      counts.blocks++;
      continue;
    }
    if (t.startsWith('&')) {
      const name = synName(t.split(/\s+/)[0]);
      if (!/^[A-Z0-9_]+$/.test(name)) throw new DyadError('E_DICT_SYNTAX', `'${t}' is not a synset name (&NAME)`, where);
      curSyn = { members: [], line: l.line };
      synRaw.set(name, curSyn);
      counts.synsets++;
      continue;
    }
    if (t.startsWith('+') && curSyn) {
      curSyn.members.push(t.slice(1).trim());
      continue;
    }
    if (t.startsWith('~')) { counts.transformations++; continue; }
    if (t.startsWith('-')) {
      curSyn = null;
      counts.patterns++;
      const m = /^-(.*)\[([^\]]*)\]\s*$/.exec(t);
      if (!m) throw new DyadError('E_DICT_SYNTAX', `pattern must end with '[CODE]', got '${t}'`, where);
      if (!block) throw new DyadError('E_DICT_SYNTAX', 'pattern before any verb block (--- NAME [CODE] ---)', where);
      block.patterns.push({ body: m[1], code: m[2].trim(), line: l.line });
      continue;
    }
    // a verb line: VERB {FORMS} [CODE]
    curSyn = null;
    if (!block) throw new DyadError('E_DICT_SYNTAX', `'${t}' is neither a synset, a block header nor a pattern`, where);
    const vm = /^([^{[]+?)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*$/.exec(t);
    if (!vm) throw new DyadError('E_DICT_SYNTAX', `verb line must be 'VERB {FORMS} [CODE]', got '${t}'`, where);
    counts.verbs++;
    // TABARI writes some multi-word verbs with a space: "LASH OUT" = "+LASH_OUT"
    const v = parseVerb(vm[1].trim().split(/\s+/).join('_'));
    if (!v) { warnings.push(`${where}: multi-word verb '${vm[1]}' has words before the verb; skipped`); skip('verb with words before it'); continue; }
    block.verbs.push({ ...v, code: vm[2] ? vm[2].trim() : null, line: l.line });
  }

  // synsets: expand nested references, plural-free (dyad matches lemmas)
  const synsets = new Map<string, string[]>();
  const expand = (name: string, seen: Set<string>): string[] | null => {
    if (synsets.has(name)) return synsets.get(name)!;
    const raw = synRaw.get(name);
    if (!raw || seen.has(name)) return null;
    seen.add(name);
    const out: string[] = [];
    for (const mem of raw.members) {
      if (mem.startsWith('&')) { const sub = expand(synName(mem), seen); if (sub) out.push(...sub); continue; }
      const w = mem.replace(/[{}]/g, '').replace(/_+$/, '').trim().toLowerCase().split(/[\s_]+/).filter(Boolean).join('_');
      if (w && /^[\p{L}\p{N}'.,_-]+$/u.test(w)) out.push(w);
    }
    synsets.set(name, [...new Set(out)]);
    return synsets.get(name)!;
  };
  for (const name of synRaw.keys()) expand(name, new Set());

  const used = new Set<string>();
  const lines: string[] = [];
  for (const b of blocks) {
    if (!b.verbs.length) { for (const _ of b.patterns) skip('block without a usable verb'); continue; }
    lines.push(`# ${b.name} [${b.code}] (${file}:${b.line})`);
    for (const v of b.verbs) {
      const code = v.code ?? b.code;
      if (!CODE.test(code)) { warnings.push(`${file}:${v.line}: verb code [${code}] is not a CAMEO code; bare verb skipped`); continue; }
      lines.push(`${[v.head, ...v.after].join(' ')} [${code}]`);
    }
    const simple = b.verbs.filter((v) => !v.after.length).map((v) => v.head);
    const compound = b.verbs.filter((v) => v.after.length);
    for (const p of b.patterns) {
      if (!CODE.test(p.code)) { skip('code is not a CAMEO event code'); continue; }
      const conv = convertPattern(p.body, synsets, used);
      if (typeof conv === 'string') { skip(conv); continue; }
      // words before the verb go before it, then '>' ('>>': the last one right before the verb)
      const sep = conv.findIndex((e) => e === '>' || e === '>>');
      const before = sep >= 0 ? `${conv.slice(0, sep + 1).join(' ')} ` : '';
      const elems = conv.slice(sep + 1).join(' ');
      if (simple.length) lines.push(`${before}${[...new Set(simple)].join('|')} ${elems} [${p.code}]  # ${file}:${p.line}`);
      for (const v of compound) lines.push(`${before}${v.head} ${v.after.join(' ')} ${elems} [${p.code}]  # ${file}:${p.line}`);
      counts.converted++;
    }
  }
  const header = [`# converted by dyad dict import from ${file}`];
  for (const name of [...used].sort()) header.push(`&${name} = ${synsets.get(name)!.join('|')}`);
  return { text: [...header, ...lines].join('\n') + '\n', warnings, counts };
}

const synName = (s: string) => s.replace(/^&/, '').replace(/[{}()]/g, '').replace(/_+$/, '').toUpperCase();

/** "HURRY" → hurry; "+CORDON_OFF" → cordon + [off]; "WIRE_+TAP" → null (words before the verb) */
function parseVerb(v: string): { head: string; after: string[] } | null {
  const w = v.replace(/_+$/, '').toLowerCase();
  if (!w.includes('_')) return /^[a-z][a-z'-]*$/.test(w.replace(/^\+/, '')) ? { head: w.replace(/^\+/, ''), after: [] } : null;
  const parts = w.split('_').filter(Boolean);
  const plus = parts.findIndex((p) => p.startsWith('+'));
  if (plus > 0) return null;
  const head = parts[0].replace(/^\+/, '');
  if (!/^[a-z][a-z'-]*$/.test(head)) return null;
  return { head, after: parts.slice(1).map((p) => p.replace(/^\+/, '')) };
}

/** one pattern body ("* {AIR RAIDS} (ON +)") → dyad elements, or the reason it cannot be converted */
function convertPattern(body: string, synsets: Map<string, string[]>, used: Set<string>): string[] | string {
  // "IN_*", "SPY_*_DEAL", "*SCEPTICAL": the verb marker glued to words; "NOT_*" = "not" right before the verb
  const spaced = body.replace(/\*/g, ' * ').replace(/\t/g, ' ').split(/\s+/).filter(Boolean);
  const tokens = spaced.map((t) => t.replace(/^_+|_+$/g, '')).filter(Boolean);
  const star = tokens.indexOf('*');
  if (star < 0) return 'no verb marker (*)';
  const starRaw = spaced.indexOf('*');
  const adjacent = starRaw > 0 && spaced[starRaw - 1].endsWith('_');
  const pre: string[] = [];
  for (const t of tokens.slice(0, star)) {
    if (t === '$' || t === '^') continue;
    if (t === '%') { pre.push('%'); continue; }
    if (t === '+') return 'target before the verb';
    if (/[{}()]/.test(t)) return 'phrase before the verb';
    const el = element(t, synsets, used);
    if (el.startsWith('!')) return el.slice(1);
    // a synset glued to words ("MOST_CERTAINLY_&NEG_EVER") is one consecutive element
    pre.push(el);
  }
  const out: string[] = [];
  let np: string[] | null = null;
  let inPrep = false;
  for (const raw of tokens.slice(star + 1)) {
    let t = raw;
    if (t === '*') return 'two verb markers';
    const opens = t.startsWith('(');
    const closes = t.endsWith(')');
    t = t.replace(/^\(|\)$/g, '');
    if (opens) { if (inPrep) return 'nested prepositional phrase'; inPrep = true; }
    const npOpen = t.startsWith('{');
    const npClose = t.endsWith('}');
    t = t.replace(/^\{|\}$/g, '');
    if (npOpen) { if (np) return 'nested noun phrase'; np = []; }
    if (t === '$') return 'source after the verb';
    // '%' after the verb: the coordinated actors there are the targets ("agrees with A and B")
    if (t === '%' || t === '+') {
      if (pre.includes('%')) return 'compound subject (%) with a target';
      if (np) return 'target inside a noun phrase';
      out.push('*');
      t = '^';
    }
    if (t === '^' || t === '') { /* skip marker */ }
    else {
      const el = element(t, synsets, used);
      if (el.startsWith('!')) return el.slice(1);
      // plain words of a {noun phrase} join into one consecutive element; synsets and alternatives stand alone
      if (np && !/[&| ]/.test(el)) np.push(el);
      else {
        if (np && np.length) { out.push(np.join('_')); np = []; }
        out.push(el);
      }
    }
    if (npClose) { if (!np) return "'}' without '{'"; if (np.length) out.push(np.join('_')); np = null; }
    if (closes) { if (!inPrep) return "')' without '('"; inPrep = false; }
  }
  if (np) return "'{' without '}'";
  if (inPrep) return "'(' without ')'";
  return pre.length ? [...pre, adjacent ? '>>' : '>', ...out] : out;
}

/** a word, A/B alternatives, a &SYNSET, or words joined by _ (possibly holding a synset) */
function element(t: string, synsets: Map<string, string[]>, used: Set<string>): string {
  const parts = t.split('_').filter(Boolean);
  if (parts.some((p) => p.startsWith('&'))) {
    const out: string[] = [];
    for (const p of parts) {
      if (p.startsWith('&')) {
        const name = synName(p);
        if (!synsets.has(name) || !synsets.get(name)!.length) return `!undefined synset &${name}`;
        used.add(name);
        out.push(`&${name}`);
      } else out.push(word(p));
    }
    return out.join('_'); // consecutive: "&TIETYPES_MEMOS" (dyad reads '_'-joined sets as one element)
  }
  if (t.includes('/')) return t.split('/').filter(Boolean).map(word).join('|');
  return parts.map(word).join('_');
}

const word = (w: string) => w.toLowerCase().replace(/[|]/g, '');
