import { parentPort } from 'node:worker_threads';
import { Coder } from './runner.js';
import type { BenchDoc } from './corpus.js';

/** A bench worker: codes the batches it is sent with its own copy of the default pipeline. */
export interface BatchMessage {
  id: number;
  docs: BenchDoc[];
}

const coder = new Coder();
parentPort?.on('message', (m: BatchMessage) => {
  const r = coder.pass(m.docs);
  parentPort?.postMessage({ id: m.id, pass: r });
});
