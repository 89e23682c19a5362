import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { codeDoc } from '../src/pipeline.js';
import { codeDocs } from '../src/batch.js';
import { DyadError } from '../src/core/errors.js';
import { ROOT } from './helpers.js';

const examples = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => readFileSync(path.join(ROOT, 'examples', f), 'utf8'));

test('codeDocs (stage-major batches) gives the same events as codeDoc on each article', () => {
  const inputs = [...examples, ...examples].map((text) => ({ text, date: '2024-03-16' }));
  const batched = codeDocs(inputs, { explain: true });
  assert.equal(batched.length, inputs.length);
  inputs.forEach((d, i) => {
    const b = batched[i];
    assert.ok(!(b instanceof Error), String(b));
    assert.deepEqual(b.events, codeDoc(d.text, { date: d.date, explain: true }).events);
  });
});

test('codeDocs: a bad input yields its error in place and the others are coded', () => {
  const out = codeDocs([{ text: examples[0], date: '2024-03-16' }, { text: '   ' }, { text: examples[1], date: '2024-02-30' }]);
  assert.ok(!(out[0] instanceof Error));
  assert.ok(out[1] instanceof DyadError && out[1].code === 'E_INPUT_EMPTY');
  assert.ok(out[2] instanceof DyadError && out[2].code === 'E_DATE_INVALID');
});
