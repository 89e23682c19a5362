import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT } from './helpers.js';

// A smoke test only: the bench runs and prints its figures. No timing thresholds (CI machines vary).
test('dyad bench --docs 50 runs and prints its summary line', () => {
  const r = spawnSync(process.execPath, [BIN, 'bench', '--docs', '50'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, r.stderr);
  const num = '[0-9][0-9,]*';
  const line = new RegExp(`^bench: ${num} sentences/s end-to-end \\(ratio [0-9]+\\.[0-9]+ to the tokenise\\+POS floor of ${num}\\), ` +
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
