import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../core/paths.js';
import { DyadError } from '../core/errors.js';
import { heapFlags } from '../core/v8-heap.js';

export interface ColdStart {
  /** the command line that was timed */
  command: string;
  runs: number[];
  medianMs: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Cold start of `dyad code` on one article: spawn a fresh `node [heap flags] bin/dyad.js code --date … FILE` `runs` times
 * and time each process from spawn to exit (module loading, dictionary compilation, coding, output).
 */
export function coldStart(runs = 5, root: string = PACKAGE_ROOT): ColdStart {
  const ex = path.join(root, 'examples');
  const preferred = path.join(ex, 'libya-threat.txt');
  const file = existsSync(preferred) ? preferred : path.join(ex, readdirSync(ex).filter((f) => f.endsWith('.txt')).sort()[0] ?? '');
  const bin = path.join(root, 'bin', 'dyad.js');
  // under the bench's own command-line heap flags (NODE_OPTIONS reaches the child by itself)
  const flags = heapFlags();
  const rest = ['code', '--date', '2020-12-27', path.relative(root, file)];
  const args = [...flags, bin, ...rest];
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = performance.now() - t0;
    if (r.status !== 0) {
      const why = r.error?.message ?? (r.stderr || '').split('\n')[0];
      throw new DyadError('E_INTERNAL', `cold-start run of 'dyad code' failed (exit ${r.status}): ${why}`);
    }
    times.push(ms);
  }
  return { command: ['node', ...flags, 'bin/dyad.js', ...rest].join(' '), runs: times, medianMs: median(times) };
}

/** Peak RSS of a separate process, under the bench's heap flags, that only codes `n` bench documents (see child.ts). */
export function codingRss(baseDocs: number, n: number, sharedEval: string): { maxRssMb: number; sentences: number } {
  const child = new URL('./child.js', import.meta.url);
  const r = spawnSync(process.execPath, [...heapFlags(), fileURLToPath(child), String(baseDocs), String(n), sharedEval], { encoding: 'utf8' });
  if (r.status !== 0) throw new DyadError('E_INTERNAL', `bench RSS child failed (exit ${r.status}): ${(r.stderr || '').split('\n')[0]}`);
  return JSON.parse(r.stdout) as { maxRssMb: number; sentences: number };
}
