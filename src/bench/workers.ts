import { Worker } from 'node:worker_threads';
import { DyadError } from '../core/errors.js';
import type { BenchDoc } from './corpus.js';
import { addPass, emptyPass, perSecond, type CodePass } from './runner.js';
import { batchesOf } from '../batch.js';
import type { BatchMessage } from './worker.js';

interface Reply {
  id: number;
  pass: CodePass;
}

/**
 * A pool of worker threads, each with its own pipeline (dictionaries load once per worker). Batches go to
 * whichever worker is idle, so a slow batch does not hold the others up.
 */
export class WorkerPool {
  private constructor(private readonly workers: Worker[]) {}

  static start(k: number): WorkerPool {
    const url = new URL('./worker.js', import.meta.url);
    return new WorkerPool(Array.from({ length: k }, () => new Worker(url)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** code every batch; resolves with the summed passes and the wall-clock time of the whole run */
  run(batches: readonly BenchDoc[][]): Promise<{ wallMs: number; pass: CodePass }> {
    return new Promise((resolve, reject) => {
      let next = 0;
      let pending = 0;
      let total = emptyPass();
      const t0 = performance.now();
      const cleanup: (() => void)[] = [];
      const finish = (err?: unknown) => {
        for (const c of cleanup) c();
        if (err) reject(err);
        else resolve({ wallMs: performance.now() - t0, pass: total });
      };
      const feed = (w: Worker) => {
        if (next >= batches.length) return;
        const msg: BatchMessage = { id: next, docs: batches[next] };
        next++;
        pending++;
        w.postMessage(msg);
      };
      for (const w of this.workers) {
        const onMessage = (r: Reply) => {
          total = addPass(total, r.pass);
          pending--;
          feed(w);
          if (pending === 0 && next >= batches.length) finish();
        };
        const onError = (e: Error) => finish(new DyadError('E_INTERNAL', `bench worker failed: ${e.message}`));
        w.on('message', onMessage);
        w.on('error', onError);
        cleanup.push(() => { w.off('message', onMessage); w.off('error', onError); });
      }
      if (!batches.length) return finish();
      for (const w of this.workers) feed(w);
    });
  }

  /** every worker codes all of `docs` once (dictionaries compiled, JIT warm) before anything is timed */
  async warm(docs: readonly BenchDoc[]): Promise<void> {
    await Promise.all(this.workers.map((w) => new Promise<void>((resolve, reject) => {
      const onMessage = () => { w.off('error', onError); resolve(); };
      const onError = (e: Error) => { w.off('message', onMessage); reject(new DyadError('E_INTERNAL', `bench worker failed: ${e.message}`)); };
      w.once('message', onMessage);
      w.once('error', onError);
      const msg: BatchMessage = { id: -1, docs: docs.slice() };
      w.postMessage(msg);
    })));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export interface ScalingRow {
  workers: number;
  ms: number;
  sentences: number;
  perSecond: number;
  speedup: number;
}

/**
 * Sentences/s with 1..k workers over the same documents. Every worker of a pool first codes `warm` twice
 * (dictionaries compiled, JIT warm), then the timed run codes `docs` in batches.
 */
export async function workerScaling(k: number, docs: readonly BenchDoc[], warm: readonly BenchDoc[]): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  // one stage-major batch per message (as codeDocs cuts them): messaging is noise, and the load balances
  const batches = batchesOf(docs, (d) => d.text.length);
  for (let n = 1; n <= k; n++) {
    const pool = WorkerPool.start(n);
    try {
      // two passes: a worker's timed run is shorter than the main thread's, so its JIT must be warm first
      await pool.warm(warm);
      await pool.warm(warm);
      const r = await pool.run(batches);
      const ps = perSecond(r.pass.sentences, r.wallMs);
      rows.push({ workers: n, ms: r.wallMs, sentences: r.pass.sentences, perSecond: ps, speedup: rows.length ? ps / rows[0].perSecond : 1 });
    } finally {
      await pool.close();
    }
  }
  return rows;
}
