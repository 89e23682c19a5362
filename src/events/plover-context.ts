import type { Stage } from '../core/stage.js';
import type { Doc } from '../core/doc.js';
import { dataPath } from '../core/paths.js';
import { readTsv } from '../core/tsv.js';

interface KeywordRule {
  value: string;
  type?: string;
  patterns: RegExp[];
}

function compile(words: string): RegExp[] {
  const alts = words.split('|').map((w) => w.trim()).filter(Boolean).map((w) => {
    const esc = w.replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+').replace(/\*/g, '[\\w-]*');
    return `\\b${esc}\\b`;
  });
  // one alternation per rule: it matches exactly where one of the words would, in one pass over the text
  return alts.length ? [new RegExp(alts.map((a) => `(?:${a})`).join('|'), 'i')] : [];
}

let contexts: KeywordRule[] | null = null;
let modes: KeywordRule[] | null = null;
/**
 * Every context rule's words in one alternation: it matches a text exactly when some rule's pattern does (an
 * alternation matches where any of its alternatives does), so a text it does not match needs no rule tested.
 */
let anyContext: RegExp | null = null;

function load(): void {
  if (contexts) return;
  contexts = readTsv(dataPath('plover', 'contexts.tsv')).rows.map((r) => ({ value: r.cells[0], patterns: compile(r.cells[1] ?? '') }));
  modes = readTsv(dataPath('plover', 'modes.tsv')).rows.map((r) => ({ type: r.cells[0], value: r.cells[1], patterns: compile(r.cells[2] ?? '') }));
  const all = contexts.flatMap((c) => c.patterns.map((p) => `(?:${p.source})`));
  anyContext = all.length ? new RegExp(all.join('|'), 'i') : null;
}

/**
 * PLOVER issues: each event keeps the context of its CAMEO→PLOVER mapping and adds the contexts its evidence
 * speaks of ("refugees" → migration, "court" → legal); an event whose mapping gives no mode takes one from
 * its evidence when the words are unambiguous ("drone" → ASSAULT/drone). Tables: data/plover/.
 */
export const ploverContextStage: Stage = {
  name: 'plover-context',
  requires: ['events'],
  assigns: ['plover-context'],
  run(doc: Doc) {
    load();
    // the events of one sentence share their evidence text: test the context words once per text
    const spoken = new Map<string, string[]>();
    for (const ev of doc.events) {
      const text = ev.evidence.text;
      let found = spoken.get(text);
      if (!found) {
        found = anyContext && anyContext.test(text) ? contexts!.filter((c) => c.patterns.some((p) => p.test(text))).map((c) => c.value) : [];
        spoken.set(text, found);
      }
      const ctx = new Set(ev.plover.context);
      for (const v of found) ctx.add(v);
      ev.plover.context = [...ctx];
      if (!ev.plover.mode && ev.plover.type) {
        const m = modes!.find((r) => r.type === ev.plover.type && r.patterns.some((p) => p.test(text)));
        if (m) ev.plover.mode = m.value;
      } else if (ev.plover.type === 'ASSAULT' && ev.plover.mode === 'heavy-weapons' && ev.cameo.startsWith('195')) {
        // the 2021 table files aerial weapons (195x) under heavy-weapons; the evidence may name the drone or aircraft
        const m = modes!.find((r) => r.type === 'ASSAULT' && (r.value === 'drone' || r.value === 'aerial') && r.patterns.some((p) => p.test(text)));
        if (m) ev.plover.mode = m.value;
      }
    }
  },
};
