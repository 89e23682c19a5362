import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tuneV8Heap, userSetPretenuring } from '../src/core/v8-heap.js';
import '../src/pipeline.js';

// src/core/v8-heap.ts: allocation-site pretenuring off (peak memory of batched coding, issue #8)
const MODULE = fileURLToPath(new URL('../src/core/v8-heap.js', import.meta.url));

describe('V8 heap tuning', () => {
  it('is applied once the pipeline is loaded, unless the user named the flag', () => {
    assert.equal(tuneV8Heap(), !userSetPretenuring(process.execArgv, process.env.NODE_OPTIONS));
  });

  it('recognises the flag on the command line and in NODE_OPTIONS, in either spelling', () => {
    assert.equal(userSetPretenuring([], undefined), false);
    assert.equal(userSetPretenuring(['--max-old-space-size=160'], '--enable-source-maps'), false);
    assert.equal(userSetPretenuring(['--allocation-site-pretenuring'], undefined), true);
    assert.equal(userSetPretenuring([], '--enable-source-maps --no-allocation_site_pretenuring'), true);
  });

  it('leaves the flag alone when the user set it', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, [...args, '--input-type=module', '-e',
        `import { tuneV8Heap } from ${JSON.stringify(MODULE)}; process.stdout.write(String(tuneV8Heap()));`], { encoding: 'utf8' });
    assert.equal(run([]).stdout, 'true');
    assert.equal(run(['--allocation-site-pretenuring']).stdout, 'false');
  });
});
