import type { ActorEntry, DatedCode } from './model.js';
import { holds, splitCode } from './model.js';
import { Lexicon, type Casing } from './lexicon.js';
import { DiscardList } from './discards.js';
import { phraseWords } from './normalize.js';

/** An agent (sector) phrase: "defence minister" → GOV. `prefix` codes go before the actor code (NGO~). */
export interface AgentDef {
  phrase: string;
  sector: string;
  priority: number;
  prefix?: boolean;
  /** the office it names, for title → person lookups ("defence minister" → dm) */
  role?: string;
  origin?: string;
}

/** One term of an office: who held it and the code it gives. */
export interface RoleTerm {
  entryIndex: number;
  code: DatedCode;
}

export type DictPart = 'actors' | 'agents' | 'discards';

/**
 * Actor entries (countries, IGOs, groups, people) with dated codes, the agent words, the discard list and
 * the phrase lexicon that finds them all in text. Build one with `defaultActors()` (data/actors),
 * `loadDictBundle()` (an imported PETRARCH/TABARI bundle) or `ActorDictionary.combine()`.
 */
export class ActorDictionary {
  readonly entries: ActorEntry[] = [];
  readonly agents: AgentDef[] = [];
  readonly blocks: string[] = [];
  readonly lexicon = new Lexicon();
  readonly discards = new DiscardList();
  /** country code → entry index, for "the Libyan government" style composition */
  readonly countryIndex = new Map<string, number>();
  /** "TUR:dm" → the terms of that office (for "the Turkish defence minister" → the person in office) */
  readonly roles = new Map<string, RoleTerm[]>();
  /** agent phrase (lower case) → office, from agents with a role */
  readonly agentRoles = new Map<string, string>();
  /** where the parts came from, for `dyad actors lookup` */
  readonly sources: string[] = [];
  /** lexicon layer for what is added next: later layers win ties between equal phrases */
  layer = 0;

  private ids: Map<string, number> | null = null;

  /** the entry with this id (the last one added when ids repeat) */
  byId(id: string): ActorEntry | null {
    if (!this.ids) {
      this.ids = new Map();
      this.entries.forEach((e, i) => this.ids!.set(e.id, i));
    }
    const i = this.ids.get(id);
    return i === undefined ? null : this.entries[i];
  }

  addEntry(e: ActorEntry): number {
    const idx = this.entries.length;
    this.entries.push(e);
    this.ids = null;
    const casing: Casing | undefined = e.casing === 'upper' ? undefined : e.casing;
    const upper = (n: string): Casing => (n.replace(/[^\p{L}]/gu, '').length <= 3 ? 'exact' : 'cap');
    for (const n of e.names) this.lexicon.add(n, { type: 'entry', entryIndex: idx, role: 'name' }, { casing: e.casing === 'upper' ? upper(n) : casing, layer: this.layer });
    for (const d of e.demonyms ?? []) this.lexicon.add(d, { type: 'entry', entryIndex: idx, role: 'demonym' }, { casing, layer: this.layer });
    for (const c of e.capitals ?? []) this.lexicon.add(c, { type: 'entry', entryIndex: idx, role: 'capital' }, { casing, layer: this.layer });
    if (e.kind === 'country') {
      const code = e.codes[0]?.code;
      if (code && code.length === 3 && !this.countryIndex.has(code)) this.countryIndex.set(code, idx);
    }
    for (const c of e.codes) {
      if (!c.role) continue;
      const { country } = splitCode(c.code);
      if (!country) continue;
      const key = `${country}:${c.role}`;
      const list = this.roles.get(key) ?? [];
      list.push({ entryIndex: idx, code: c });
      this.roles.set(key, list);
    }
    return idx;
  }

  addAgent(a: AgentDef): void {
    this.agents.push(a);
    this.lexicon.add(a.phrase, { type: 'agent', sector: a.sector, priority: a.priority, phrase: a.phrase, prefix: a.prefix }, { layer: this.layer });
    if (a.role) this.agentRoles.set(a.phrase.toLowerCase(), a.role);
  }

  /** a phrase that is not an actor and shadows shorter matches ("Washington state") */
  addBlock(phrase: string): void {
    this.blocks.push(phrase);
    this.lexicon.add(phrase, { type: 'block', phrase }, { layer: this.layer, casing: 'any' });
  }

  /** Copy parts of another dictionary into this one (on a new layer when asked). */
  addAll(other: ActorDictionary, parts: DictPart[] = ['actors', 'agents', 'discards']): void {
    if (parts.includes('actors')) {
      for (const e of other.entries) this.addEntry(e);
      for (const b of other.blocks) this.addBlock(b);
    }
    if (parts.includes('agents')) for (const a of other.agents) this.addAgent(a);
    if (parts.includes('discards')) this.discards.addAll(other.discards);
    for (const s of other.sources) if (!this.sources.includes(s)) this.sources.push(s);
  }

  /**
   * A dictionary with `base` underneath and `top` on top (ties between equal phrases go to `top`).
   * `topParts` says which parts `top` contributes; the others come from `base` only when `replace`.
   */
  static combine(base: ActorDictionary, top: ActorDictionary, mode: 'add' | 'replace'): ActorDictionary {
    const d = new ActorDictionary();
    const has: DictPart[] = [];
    if (top.entries.length) has.push('actors');
    if (top.agents.length) has.push('agents');
    if (top.discards.size) has.push('discards');
    const fromBase = mode === 'add' ? (['actors', 'agents', 'discards'] as DictPart[]) : (['actors', 'agents', 'discards'] as DictPart[]).filter((p) => !has.includes(p));
    d.addAll(base, fromBase);
    d.layer = 1;
    d.addAll(top, has);
    return d;
  }

  /** The person holding an office of a country on a date ("TUR", "dm", "2019-05-01"). */
  holderOf(country: string, role: string, date: string): { entry: ActorEntry; code: DatedCode } | null {
    const list = this.roles.get(`${country}:${role}`);
    if (!list) return null;
    for (const t of list) if ((t.code.from || t.code.to) && holds(t.code, date)) return { entry: this.entries[t.entryIndex], code: t.code };
    return null;
  }

  /** Entries whose names include this phrase (exact words), for lookups. */
  find(phrase: string): { entry: ActorEntry; index: number; role: string; layer: number }[] {
    const out: { entry: ActorEntry; index: number; role: string; layer: number }[] = [];
    const words = phraseWords(phrase).keys;
    if (!words.length) return out;
    for (const p of this.lexicon.phrasesFor(words)) {
      if (p.value.type !== 'entry') continue;
      out.push({ entry: this.entries[p.value.entryIndex], index: p.value.entryIndex, role: p.value.role, layer: p.layer });
    }
    return out;
  }
}
