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

// bin/dyad.js's #! line gives node the heap flags that HEAP_FLAGS names (the bench passes them on to its children)
test('bin/dyad.js runs through its #! line with the heap flags the bench names', () => {
  const first = readFileSync(BIN, 'utf8').split('\n')[0];
  assert.equal(first, `#!/usr/bin/env -S node ${HEAP_FLAGS.join(' ')}`);
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
  const r = spawnSync(BIN, ['--version'], { cwd: ROOT, encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^dyad [0-9]+\.[0-9]+\.[0-9]+/);
});

test('heapFlags keeps only the heap-size flags of a node command line', () => {
  assert.deepEqual(heapFlags(['--cpu-prof', '--max-semi-space-size=64', '--max_old_space_size=4096', '--inspect']), ['--max-semi-space-size=64', '--max_old_space_size=4096']);
  assert.deepEqual(heapFlags([]), []);
});
