/** The invariants every coded document must hold, whatever its text (used by the fuzz and robustness tests). */
import assert from 'node:assert/strict';
import { codeDoc, cameoTable, DyadError, type CodeOptions, type Doc, type Event } from '../src/index.js';
import { quadClassOf } from '../src/core/event.js';

const table = cameoTable();

/** input errors that are a right answer for some inputs (whitespace only, a NUL character) */
export const INPUT_ERRORS = new Set(['E_INPUT_EMPTY', 'E_INPUT_BINARY']);

export function checkEvent(text: string, e: Event, sentences: number): void {
  const info = table.get(e.cameo);
  assert.ok(info, `unknown CAMEO code ${e.cameo}`);
  assert.equal(e.cameo_root, e.cameo.slice(0, 2));
  assert.equal(e.quad_class, quadClassOf(e.cameo));
  assert.equal(e.goldstein, info.goldstein);
  const ev = e.evidence;
  assert.ok(Number.isInteger(ev.start) && Number.isInteger(ev.end), 'integer offsets');
  assert.ok(ev.start >= 0 && ev.start < ev.end && ev.end <= text.length, `evidence [${ev.start}, ${ev.end}) inside [0, ${text.length})`);
  assert.equal(text.slice(ev.start, ev.end), ev.text, 'evidence text is the slice of the coded text');
  assert.ok(e.sentence >= 0 && e.sentence < sentences, `sentence ${e.sentence} of ${sentences}`);
  assert.ok(typeof e.source.text === 'string' && (e.source.code === null || typeof e.source.code === 'string'));
  assert.ok(e.confidence >= 0 && e.confidence <= 1, `confidence ${e.confidence}`);
  assert.match(e.date, /^\d{4}-\d{2}-\d{2}$/);
}

/** token offsets exact and in order, sentences inside the text, every event valid */
export function checkDoc(doc: Doc): void {
  const text = doc.text;
  let prev = -1;
  for (const t of doc.tokens) {
    assert.ok(t.start >= 0 && t.start < t.end && t.end <= text.length, `token [${t.start}, ${t.end})`);
    assert.equal(text.slice(t.start, t.end), t.text, 'token text is its slice');
    assert.ok(t.start >= prev, 'tokens in order');
    prev = t.start;
  }
  for (const s of doc.sentences) {
    assert.ok(s.first < s.last && s.last <= doc.tokens.length, 'sentence token range');
    assert.ok(s.start <= s.end && s.end <= text.length, 'sentence char range');
  }
  for (const e of doc.events) checkEvent(text, e, doc.sentences.length);
  if (doc.origin) {
    for (const e of doc.events) {
      const { source_start: a, source_end: b } = e.evidence;
      assert.ok(a !== undefined && b !== undefined, 'HTML input: source offsets present');
      assert.ok(a >= 0 && a <= b && b <= doc.origin.original.length, `source [${a}, ${b})`);
    }
  }
}

/**
 * Code a text; a DyadError is accepted only for input that is genuinely not codable (and must say so with
 * an input code); any other exception fails. Returns the Doc, or null when the input was rejected.
 */
export function codeChecked(text: string, opts: CodeOptions = {}): Doc | null {
  let doc: Doc;
  try {
    doc = codeDoc(text, { date: '2024-03-16', ...opts });
  } catch (e) {
    if (e instanceof DyadError && INPUT_ERRORS.has(e.code)) {
      if (e.code === 'E_INPUT_BINARY') assert.ok(text.includes('\u0000'), 'E_INPUT_BINARY only for a NUL');
      else if (!opts.html) assert.equal(text.trim(), '', 'E_INPUT_EMPTY only for blank text');
      return null;
    }
    throw e;
  }
  checkDoc(doc);
  return doc;
}

/** a stable serialisation of what coding produced (events and sentence layout) */
export function fingerprint(doc: Doc | null): string {
  if (!doc) return 'rejected';
  return JSON.stringify({ s: doc.sentences, e: doc.events, t: doc.tokens.length });
}
