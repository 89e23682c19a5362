/**
 * Property tests of the input layer: the streaming UTF-8 check agrees with the WHATWG decoder, the HTML
 * extractor's offset map is exact, and streamed JSONL gives exactly what whole-file parsing gives.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Utf8Scan, scanUtf8 } from '../src/core/utf8.js';
import { decodeInput } from '../src/core/input.js';
import { extractHtml, toSource } from '../src/core/html.js';
import { DyadError } from '../src/core/errors.js';
import { loadInputs, type InputDoc } from '../src/cli/inputs.js';
import { streamInputs } from '../src/cli/stream-inputs.js';
import { htmlDoc, noise, sentence } from './fuzz-gen.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240316);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED, endOnFailure: true });

/** bytes that are often almost UTF-8: valid text with a few bytes changed, cut, or dropped in */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.tuple(fc.string({ unit: 'binary', maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }), fc.nat())
    .map(([s, edits, cut]) => {
      const b = Buffer.from(s, 'utf8');
      for (const [at, v] of edits) if (b.length) b[at % b.length] = v;
      return new Uint8Array(b.subarray(0, b.length ? cut % (b.length + 1) : 0));
    }),
);

describe('fuzz: UTF-8 check', () => {
  it('agrees with the fatal WHATWG decoder on validity, and finds the first NUL (5000 inputs)', () => {
    fc.assert(fc.property(bytes, (b) => {
      const s = scanUtf8(b);
      let valid = true;
      try { new TextDecoder('utf-8', { fatal: true }).decode(b); } catch { valid = false; }
      if (s.nul < 0) {
        assert.equal(b.indexOf(0), -1);
        assert.equal(s.invalid < 0, valid, 'same verdict as TextDecoder');
      } else {
        // a NUL decides (the input is binary): the scan stops there
        assert.equal(s.nul, b.indexOf(0));
        if (s.invalid >= 0) assert.ok(s.invalid < s.nul);
      }
      if (s.invalid >= 0) {
        // everything before the reported offset decodes
        new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, s.invalid));
      }
    }), runs(5000));
  });

  it('gives the same answer fed in chunks of any size (2000 inputs)', () => {
    fc.assert(fc.property(bytes, fc.array(fc.nat(), { maxLength: 6 }), (b, cutsRaw) => {
      const cuts = [...new Set(cutsRaw.map((c) => (b.length ? c % b.length : 0)))].sort((x, y) => x - y);
      const whole = scanUtf8(b);
      const inc = new Utf8Scan();
      let at = 0;
      for (const c of [...cuts, b.length]) { if (!inc.push(b.subarray(at, c))) break; at = c; }
      inc.end();
      assert.equal(inc.nul, whole.nul);
      if (whole.nul < 0) { assert.equal(inc.invalid, whole.invalid); assert.equal(inc.truncated, whole.truncated); }
    }), runs(2000));
  });

  it('decodeInput accepts exactly valid UTF-8 without NUL, and says where it is not (2000 inputs)', () => {
    fc.assert(fc.property(bytes, (b) => {
      try {
        const text = decodeInput(b, 'x');
        assert.ok(!text.includes('\u0000'));
      } catch (e) {
        assert.ok(e instanceof DyadError && e.code === 'E_INPUT_BINARY', String(e));
        assert.match(e.message, /NUL byte at offset \d+|not valid UTF-8 \(.*byte offset \d+\)/);
      }
    }), runs(2000));
  });
});

describe('fuzz: HTML extraction', () => {
  const anyHtml = fc.oneof(htmlDoc, fc.array(fc.oneof(noise, sentence), { maxLength: 8 }).map((x) => x.join('')));
  it('maps every extracted character back into the HTML, in order (4000 inputs)', () => {
    fc.assert(fc.property(anyHtml, (html) => {
      const { text, map } = extractHtml(html);
      assert.equal(map.starts.length, text.length);
      assert.equal(map.ends.length, text.length);
      let prev = 0;
      for (let i = 0; i < text.length; i++) {
        const a = map.starts[i], b = map.ends[i];
        assert.ok(a >= prev && a < b && b <= html.length, `unit ${i}: [${a}, ${b}) after ${prev}`);
        prev = a;
        const src = html.slice(a, b);
        // a plain character maps to itself; a collapsed space to whitespace; entities and tags to '&...' / '<...'
        if (src.length === 1) assert.ok(src === text[i] || (/[ \t\n\f\r]/.test(src) && /[ \n]/.test(text[i])), `unit ${i}: '${text[i]}' from '${src}'`);
        else assert.ok(/^[&<\s]/.test(src), `unit ${i}: '${text[i]}' from '${src.slice(0, 20)}'`);
      }
      const whole = toSource(map, 0, text.length);
      assert.ok(whole.start >= 0 && whole.end <= html.length && whole.start <= whole.end);
    }), runs(4000));
  });

  it('leaves text without markup alone but for whitespace (2000 inputs)', () => {
    const plain = fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => !/[<&]/.test(s));
    fc.assert(fc.property(plain, (s) => {
      const { text } = extractHtml(s);
      assert.equal(text, s.replace(/[ \t\n\f\r]+/g, ' ').replace(/^ | $/g, ''));
    }), runs(2000));
  });
});

describe('fuzz: streamed JSONL equals whole-file JSONL', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'dyad-fuzz-jsonl-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const line = fc.oneof(
    fc.record({ id: fc.oneof(fc.string({ maxLength: 5 }), fc.nat()), text: sentence, date: fc.constantFrom(undefined, '2020-01-02', '2021-02-30', 'x') })
      .map((o) => JSON.stringify(o)),
    fc.constantFrom('', '   ', '{not json', '[]', '{"text": 3}', '{"text": "  "}', '{"text":"a\\u0000b"}', 'null', '{"text":"\\ud800 Russia attacked Ukraine."}', '\t{"text":"Iran praised Iraq."}\r'),
    fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !s.includes('\u0000')),
  );
  const file = fc.tuple(fc.constantFrom('', '\ufeff'), fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
    .map(([bom, lines, nl, trailing]) => bom + lines.join(nl) + (trailing ? nl : ''));

  it('gives the same documents and the same errors, line for line (300 files)', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(file, async (content) => {
      const f = path.join(dir, `f${n++}.jsonl`);
      writeFileSync(f, content);
      const strip = (e: DyadError) => `${e.code} ${e.where} ${e.message}`;
      let wholeErr = '';
      const whole: InputDoc[] = [];
      const wholeLine: string[] = [];
      try { whole.push(...loadInputs(f, (e) => wholeLine.push(strip(e)))); } catch (e) { wholeErr = strip(e as DyadError); }
      let streamErr = '';
      const streamed: InputDoc[] = [];
      const streamLine: string[] = [];
      try { for await (const d of streamInputs(f, (e) => streamLine.push(strip(e)))) streamed.push(d); } catch (e) { streamErr = strip(e as DyadError); }
      assert.equal(streamErr, wholeErr);
      assert.deepEqual(streamLine, wholeLine);
      assert.deepEqual(streamed, whole);
    }), runs(300));
  });
});
