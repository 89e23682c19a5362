// Helpers for the store, ingest, export, API and browser tests (issue #7).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from '../src/core/event.js';
import { collapseMentions } from '../src/store/dedup.js';
import type { CodedDocument } from '../src/store/types.js';
import { sha256 } from '../src/cli/ingest-run.js';
import { ROOT } from './helpers.js';

export const STORE_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'store');

export function tempDir(prefix = 'dyad-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A complete public event; override what a test cares about. */
export function makeEvent(over: Partial<Event> = {}): Event {
  return {
    id: 'd1:0:0',
    doc_id: 'd1',
    sentence: 0,
    date: '2024-03-18',
    date_precision: 'day',
    source: { text: 'Russian troops', code: 'RUSMIL', country: 'RUS', sector: 'MIL', name: null },
    target: { text: 'Ukraine', code: 'UKR', country: 'UKR', sector: null, name: null },
    cameo: '190',
    cameo_root: '19',
    quad_class: 4,
    goldstein: -10,
    plover: { type: 'ASSAULT', mode: null, context: ['military'] },
    location: null,
    negated: false,
    conditional: false,
    quote: false,
    speaker: null,
    confidence: 0.85,
    evidence: { start: 0, end: 31, text: 'Russian troops attacked Ukraine' },
    ...over,
  };
}

/** A coded document around a text and its events (one sentence per line of the text). */
export function makeCoded(extId: string, text: string, events: Event[], opts: { date?: string; source?: string | null; url?: string | null } = {}): CodedDocument {
  const sentences: { i: number; start: number; end: number }[] = [];
  let at = 0;
  text.split('\n').forEach((line, i) => {
    sentences.push({ i, start: at, end: at + line.length });
    at += line.length + 1;
  });
  return {
    doc: {
      extId, source: opts.source ?? null, url: opts.url ?? null, date: opts.date ?? '2024-03-18', text,
      hash: sha256(text), origin: `${extId}.txt`,
    },
    sentences,
    events: collapseMentions(events.map((e) => ({ ...e, doc_id: extId }))),
  };
}

/** Drop the store reference to compare with a public event. */
export function publicPart<T extends { store?: unknown }>(e: T): Omit<T, 'store'> {
  const { store: _s, ...rest } = e;
  return rest;
}
