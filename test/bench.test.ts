import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, ROOT } from './helpers.js';
import { HEAP_FLAGS, heapFlags } from '../src/core/v8-heap.js';

// A smoke test only: the bench runs and prints its figures. No timing thresholds (CI machines vary).
test('dyad bench --docs 50 runs and prints its summary line', () => {
  const r = spawnSync(process.execPath, [BIN, 'bench', '--docs', '50'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, r.stderr);
  const num = '[0-9][0-9,]*';
  const line = new RegExp(`^bench: ${num} sentences/s end-to-end \\(ratio [0-9]+\\.[0-9]+ to the tokenise\\+POS floor of ${num}; ` +
    `[0-9]+\\.[0-9]+ to wink's default pipeline at ${num}\\), ` +
    `peak RSS ${num} MB, cold start ${num} ms$`, 'm');
  assert.match(r.stdout, line);
  assert.match(r.stdout, /events coded: [0-9,]+ in the run/);
  assert.match(r.stdout, /cost vs corpus size/);
});

test('dyad bench rejects a bad --docs', () => {
  const r = spawnSync(process.execPath, [BIN, 'bench', '--docs', 'many'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /E_USAGE/);
});

// bin/dyad.js's #! line must run under any env: BusyBox's (Alpine) has no -S, so no node flags there
test('bin/dyad.js runs through a portable #! line', () => {
  const first = readFileSync(BIN, 'utf8').split('\n')[0];
  assert.equal(first, '#!/usr/bin/env node');
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
  const r = spawnSync(BIN, ['--version'], { cwd: ROOT, encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^dyad [0-9]+\.[0-9]+\.[0-9]+/);
});

test('the bench prints the heap flags it runs under, from NODE_OPTIONS too', () => {
  const r = spawnSync(process.execPath, [BIN, 'bench', '--docs', '20'], {
    cwd: ROOT, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NODE_OPTIONS: HEAP_FLAGS.join(' ') },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^node heap flags: ${HEAP_FLAGS.join(' ')}; stage-major batches of 64 KB of text$`, 'm'));
});

test('heapFlags keeps only the heap-size flags of a node command line', () => {
  assert.deepEqual(heapFlags(['--cpu-prof', '--max-semi-space-size=64', '--max_old_space_size=4096', '--inspect']), ['--max-semi-space-size=64', '--max_old_space_size=4096']);
  assert.deepEqual(heapFlags([]), []);
});

test('stage-major batches follow the young generation: 1 KB of text per MB of semi-space', async () => {
  const { maxSemiSpaceMb, DEFAULT_SEMI_SPACE_MB } = await import('../src/core/v8-heap.js');
  const { batchChars, batchesOf, BATCH_DOCS } = await import('../src/batch.js');
  assert.equal(maxSemiSpaceMb([], undefined), DEFAULT_SEMI_SPACE_MB);
  assert.equal(maxSemiSpaceMb(['--max-semi-space-size=64'], undefined), 64);
  assert.equal(maxSemiSpaceMb([], '--max_semi_space_size=32 --trace-gc'), 32);
  assert.equal(maxSemiSpaceMb(['--max-semi-space-size=64'], '--max-semi-space-size=32'), 64); // the command line comes last
  assert.equal(maxSemiSpaceMb([], undefined, 48), 16); // a worker's young generation: three semi-spaces
  assert.equal(maxSemiSpaceMb(['--max-semi-space-size=64'], undefined, 48), 64); // the flag wins
  assert.equal(batchChars(16), 16 * 1024);
  assert.equal(batchChars(64), 64 * 1024);
  assert.equal(batchChars(1), 8 * 1024);
  assert.equal(batchChars(4096), 256 * 1024);
  // a batch closes on the text that fills it, or at BATCH_DOCS documents
  const texts = ['a'.repeat(10_000), 'b'.repeat(10_000), 'c'.repeat(70_000), 'd'];
  const cut = batchesOf(texts, (t) => t.length).map((b) => b.map((t) => t[0]).join(''));
  assert.ok(cut.join('') === 'abcd' && cut.length >= 2);
  assert.equal(batchesOf(Array.from({ length: BATCH_DOCS + 1 }, () => 'x'), (t) => t.length).length, 2);
});
