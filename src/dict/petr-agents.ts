import { DyadError } from '../core/errors.js';
import type { AgentDef } from '../actors/dictionary.js';
import type { DiscardRule } from '../actors/discards.js';
import { petrLines, petrPhrase } from './petr-lines.js';

export interface AgentImport {
  agents: AgentDef[];
  warnings: string[];
  counts: { agents: number; phrases: number; skipped: number };
}

/**
 * Parse a PETRARCH agent dictionary (Phoenix.agents.txt): `PHRASE {PLURAL} [~CODE]`, `[CODE~]` for codes
 * that go before the actor's, `{}` for no plural, and substitution sets `!NAME! = A, B, C` used as `!NAME!`.
 * Regular plurals need no entry (dyad matches an agent's last word by lemma); irregular ones are kept.
 * A line without a code is skipped with a warning, as PETRARCH does.
 */
export function parsePetrAgents(text: string, file: string): AgentImport {
  const agents: AgentDef[] = [];
  const warnings: string[] = [];
  const counts = { agents: 0, phrases: 0, skipped: 0 };
  const sets = new Map<string, string[]>();
  for (const l of petrLines(text, file)) {
    const where = `${file}:${l.line}`;
    const t = l.text.trim();
    const def = /^!([^!\s]+)!\s*=\s*(.*)$/.exec(t);
    if (def) {
      sets.set(def[1], def[2].split(',').map((s) => s.trim()).filter(Boolean));
      continue;
    }
    const open = t.indexOf('[');
    if (open < 0) { counts.skipped++; warnings.push(`${where}: agent '${t}' has no [code]; skipped`); continue; }
    let close = t.indexOf(']', open);
    if (close < 0 && /^\[[^\]{}]*\}\s*$/.test(t.slice(open))) {
      // a known typo: "[~ENV}" closed with a brace
      close = t.lastIndexOf('}');
      warnings.push(`${where}: code block '${t.slice(open)}' is closed with '}'; read as '${t.slice(open, close)}]'`);
    }
    if (close < 0) throw new DyadError('E_DICT_SYNTAX', `code block '${t.slice(open)}' has no closing ']'`, where);
    const code = t.slice(open + 1, close).trim();
    const cm = /^(~?)([A-Za-z0-9]*)(~?)$/.exec(code);
    if (!cm || (!cm[1] && !cm[3]) || !cm[2]) {
      counts.skipped++;
      warnings.push(`${where}: agent code '[${code}]' needs '~CODE' (after the actor) or 'CODE~' (before it); skipped`);
      continue;
    }
    let head = t.slice(0, open).trim();
    let plural: string | null = null;
    const brace = /\{([^}]*)\}/.exec(head);
    if (head.includes('{') && !brace) throw new DyadError('E_DICT_SYNTAX', `plural '${head.slice(head.indexOf('{'))}' has no closing '}'`, where);
    if (brace) { plural = brace[1].trim(); head = head.replace(brace[0], '').trim(); }
    const forms = [head, ...(plural ? [plural] : [])];
    let expanded: string[];
    try {
      expanded = forms.flatMap((f) => substitute(f, sets));
    } catch (e) {
      counts.skipped++;
      warnings.push(`${where}: ${(e as Error).message}; skipped`);
      continue;
    }
    const prefix = !!cm[3] && !cm[1];
    for (const f of expanded) {
      const phrase = petrPhrase(f).toLowerCase();
      if (!phrase) continue;
      agents.push({ phrase, sector: cm[2].toUpperCase(), priority: 1, prefix: prefix || undefined, origin: where });
      counts.phrases++;
    }
    counts.agents++;
  }
  return { agents, warnings, counts };
}

/** expand every !NAME! marker with its set (all combinations) */
function substitute(s: string, sets: Map<string, string[]>): string[] {
  const m = /!([^!\s]+)!/.exec(s);
  if (!m) return [s];
  const set = sets.get(m[1]);
  if (!set) throw new Error(`substitution marker !${m[1]}! is not defined`);
  return set.flatMap((v) => substitute(s.slice(0, m.index) + v + s.slice(m.index + m[0].length), sets));
}

export interface DiscardImport {
  rules: DiscardRule[];
  counts: { sentence: number; story: number };
}

/**
 * Parse a PETRARCH discard list: one phrase per line, `+phrase` discards the whole story, a trailing `_`
 * makes the phrase end at a word boundary (otherwise it is a stem). Matching is case-insensitive.
 */
export function parsePetrDiscards(text: string, file: string): DiscardImport {
  const rules: DiscardRule[] = [];
  const counts = { sentence: 0, story: 0 };
  for (const l of petrLines(text, file)) {
    let t = l.text.trim();
    const story = t.startsWith('+');
    if (story) t = t.slice(1).trim();
    const exact = t.endsWith('_');
    const phrase = petrPhrase(t);
    if (!phrase) continue;
    rules.push({ phrase, scope: story ? 'story' : 'sentence', stem: !exact, regex: false, category: 'petrarch', origin: `${file}:${l.line}` });
    counts[story ? 'story' : 'sentence']++;
  }
  return { rules, counts };
}
