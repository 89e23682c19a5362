/**
 * Property tests over the whole pipeline: about 11,000 generated inputs per run (news-like English mixed
 * with hostile text, non-Latin scripts, HTML, over-long sentences), each checked for: no exception but an
 * input DyadError where the input is genuinely not codable; exact token offsets; every event's evidence
 * inside the coded text and equal to its slice; valid CAMEO codes, quad classes and Goldstein values;
 * determinism. The seed is fixed so CI is reproducible: FUZZ_SEED=n picks another, FUZZ_SCALE=k runs k
 * times as many inputs (a failure prints the seed and the shrunk counterexample).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { code, codeDoc } from '../src/index.js';
import { codeInWindows } from '../src/windows.js';
import { MAX_RUN, MAX_SENTENCE_TOKENS } from '../src/nlp/bounds.js';
import { article, htmlDoc, longSentence, longToken, nonLatin, sentence } from './fuzz-gen.js';
import { checkDoc, checkEvent, codeChecked, fingerprint } from './fuzz-check.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240316);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED, endOnFailure: true });

const options = fc.record({ partial: fc.boolean(), negated: fc.boolean(), explain: fc.boolean() });

describe('fuzz: the pipeline on generated input', () => {
  it('codes news-like text mixed with hostile pieces without crashing, with valid evidence and codes (6000 inputs)', () => {
    fc.assert(fc.property(article, options, (text, o) => { codeChecked(text, o); }), runs(6000));
  });

  it('invents no events from text without a Latin letter: RTL, CJK, emoji, controls (2000 inputs)', () => {
    fc.assert(fc.property(nonLatin, (text) => {
      const doc = codeChecked(text, { partial: true, negated: true });
      if (doc) assert.deepEqual(doc.events.map((e) => `${e.source.text} ${e.cameo}`), [], 'no events');
    }), runs(2000));
  });

  it('codes HTML with html: true: evidence valid in the extracted text and mapped into the HTML (1500 inputs)', () => {
    fc.assert(fc.property(htmlDoc, (html) => {
      const doc = codeChecked(html, { html: true, partial: true });
      if (doc) assert.ok(doc.origin && doc.origin.original === html);
    }), runs(1500));
  });

  it('is deterministic: the same input twice gives the same sentences and events (2 × 500 inputs)', () => {
    fc.assert(fc.property(article, options, (text, o) => {
      const a = fingerprint(codeChecked(text, o));
      const b = fingerprint(codeChecked(text, o));
      assert.equal(a, b);
    }), runs(500));
  });

  it('bounds sentence length and run length: split sentences, opaque long tokens (300 inputs)', () => {
    const piece = fc.oneof(longSentence, longToken, sentence);
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 4 }), (parts) => {
      const doc = codeChecked(parts.join(' '));
      if (!doc) return;
      for (const s of doc.sentences) assert.ok(s.last - s.first <= MAX_SENTENCE_TOKENS, `sentence of ${s.last - s.first} tokens`);
      for (const t of doc.tokens) if (t.end - t.start > MAX_RUN) assert.equal(t.pos, 'X', 'an over-long run is one opaque token');
    }), runs(300));
  });

  it('codes in windows with offsets, sentences and ids that refer to the whole text (300 inputs)', () => {
    const text = fc.array(fc.oneof({ weight: 4, arbitrary: sentence }, { weight: 1, arbitrary: longToken }), { minLength: 2, maxLength: 12 })
      .chain((xs) => fc.constantFrom(' ', '\n\n', '\n').map((sep) => xs.join(sep)));
    fc.assert(fc.property(text, fc.integer({ min: 40, max: 400 }), (t, size) => {
      if (!t.trim()) return;
      const events = codeInWindows(t, { date: '2024-03-16', partial: true, id: 'w' }, codeDoc, undefined, size);
      const ids = new Set<string>();
      let sent = 0;
      for (const e of events) {
        checkEvent(t, e, Number.MAX_SAFE_INTEGER);
        assert.ok(e.sentence >= sent, 'sentences never go back');
        sent = e.sentence;
        assert.ok(!ids.has(e.id), `unique id ${e.id}`);
        ids.add(e.id);
      }
    }), runs(300));
  });

  it('gives code() the same events as codeDoc() for a text that fits one window', () => {
    fc.assert(fc.property(article, (text) => {
      if (!text.trim() || text.includes('\u0000')) return;
      assert.equal(JSON.stringify(code(text, { date: '2024-03-16' })), JSON.stringify(codeDoc(text, { date: '2024-03-16' }).events));
    }), runs(200));
  });

  it('has invariants that catch a bad event (the checker is not vacuous)', () => {
    // the invariants themselves: a hand-made bad event must fail them (the checker is not vacuous)
    const doc = codeDoc('Russia attacked Ukraine.', { date: '2024-03-16' });
    checkDoc(doc);
    const bad = structuredClone(doc.events[0]);
    bad.evidence.end = doc.text.length + 5;
    assert.throws(() => checkEvent(doc.text, bad, doc.sentences.length));
  });
});
