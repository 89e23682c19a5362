import type { Stage } from '../core/stage.js';
import type { Doc, Clause, ActorMention } from '../core/doc.js';
import type { Event } from '../core/event.js';
import { defaultVerbs, defaultNouns } from './defaults.js';
import type { VerbDictionary } from './dictionary.js';
import { ChunkStarts, chunkStartArray } from './match.js';
import { finish, type Draft } from './build.js';
import { nominalEvents, backingEvents } from './nominal.js';
import { findAttribution, type SentenceCtx } from './context.js';
import { codeSentence } from './clause.js';

export type { SentenceCtx } from './context.js';
export { coordinatedAfter } from './targets.js';

export interface EventOptions {
  /** keep events whose source or target has no code (target may be null) */
  partial?: boolean;
  /** keep negated events ("did not attack"), flagged negated: true */
  negated?: boolean;
  explain?: boolean;
  /** keep codes that are not CAMEO (imported WEIS/test dictionaries); their quad class comes from the root */
  anyCode?: boolean;
  /**
   * 'literal': code each verb as its pattern says, the way PETRARCH/TABARI do with their own dictionaries (no
   * intent/threat composition for modals, negation and conditions left to the patterns). Default 'dyad'.
   */
  grammar?: 'dyad' | 'literal';
  verbs?: VerbDictionary;
  nouns?: VerbDictionary;
}

/**
 * The event stage: for every clause, match its verb (composed with control verbs, modals, negation,
 * passive voice and reported speech), resolve source and target mentions, and emit one event per
 * source × target pair, plus nominal events ("Russia's invasion of Ukraine").
 */
export function eventsStage(opts: EventOptions = {}): Stage {
  const verbs = opts.verbs ?? defaultVerbs();
  const nouns = opts.nouns ?? defaultNouns();
  return {
    name: 'events',
    requires: ['clauses', 'actors'],
    assigns: ['events'],
    run(doc: Doc) {
      const drafts: Draft[] = [];
      // the few mentions with a backer ("Iranian-backed"), found once per document (an array only when one is)
      let backed: ActorMention[] | null = null;
      for (const m of doc.mentions) if (m.backedBy) (backed ??= []).push(m);
      let c0 = 0;
      const starts = chunkStartArray(doc);
      const clausesOf = clausesBySentence(doc);
      for (let s = 0; s < doc.sentences.length; s++) {
        let c1 = c0;
        while (c1 < doc.chunks.length && doc.chunks[c1].sent === s) c1++;
        const clauses = clausesOf[s];
        const ctx: SentenceCtx = { doc, sent: s, clauses, chunkStart: new ChunkStarts(starts, c0, c1), attribution: null, attributionClause: null, literal: opts.grammar === 'literal' };
        findAttribution(ctx);
        if (!doc.discarded.has(s)) {
          const before = drafts.length;
          codeSentence(ctx, verbs, nouns, drafts);
          nominalEvents(ctx, nouns, c0, c1, drafts);
          if (!ctx.literal && backed) backingEvents(ctx, backed, drafts);
          dedupeSentence(drafts, before);
        }
        c0 = c1;
      }
      const out: Event[] = [];
      const meta: Doc['eventMeta'] = [];
      for (const d of drafts) {
        if (!opts.partial && (!d.source.code || !d.target || !d.target.code)) continue;
        if (!opts.negated && d.negated) continue;
        const ev = finish(doc, d, out.length, !!opts.explain, !!opts.anyCode);
        if (ev) {
          out.push(ev);
          meta.push({ clause: d.clause, from: d.from, to: d.to });
        }
      }
      doc.events = out;
      doc.eventMeta = meta;
    },
  };
}

/**
 * each sentence's clauses; most documents are one sentence, whose clauses are the document's own array (the
 * parse stage makes them sentence by sentence; one of another sentence makes the general split)
 */
function clausesBySentence(doc: Doc): Clause[][] {
  const all = doc.clauses;
  if (doc.sentences.length === 1) {
    let one = true;
    for (let i = 0; i < all.length && one; i++) one = all[i].sent === 0;
    if (one) return [all];
  }
  const out: Clause[][] = doc.sentences.map(() => []);
  for (const c of all) out[c.sent]?.push(c);
  return out;
}

/** the same dyad and meaning: the fields of dedupeSentence's key, compared in place of a built key string */
function sameKey(a: Draft, b: Draft): boolean {
  return a.source.code === b.source.code && a.code === b.code && a.target?.code === b.target?.code && a.negated === b.negated;
}

/**
 * One sentence, one event per dyad and meaning: exact repeats go, and a root's generic code gives way to a
 * specific one for the same pair ("Turkey warned Haftar that his forces would be a target": 130 and 138 → 138).
 */
function dedupeSentence(drafts: Draft[], from: number): void {
  // a single draft is neither a repeat nor has a specific sibling (most sentences: no key strings to build)
  if (drafts.length - from < 2) return;
  // a repeat of an earlier kept draft goes (a handful of drafts: pairwise, no key strings and Set)
  for (let i = from + 1; i < drafts.length; i++) {
    let repeat = false;
    for (let j = from; j < i && !repeat; j++) repeat = sameKey(drafts[j], drafts[i]);
    if (repeat) { drafts.splice(i, 1); i--; }
  }
  const generic = (c: string) => c.length === 3 && c.endsWith('0');
  for (let i = from; i < drafts.length; i++) {
    const d = drafts[i];
    if (!generic(d.code) || !d.source.code) continue;
    const specific = drafts.some((o, j) => j >= from && o !== d && o.code !== d.code && o.code.startsWith(d.code.slice(0, 2))
      && o.source.code === d.source.code && o.target?.code === d.target?.code && o.negated === d.negated);
    if (specific) { drafts.splice(i, 1); i--; }
  }
}
