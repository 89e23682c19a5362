/**
 * `dyad ingest --queue`: read the inputs as `dyad ingest` does and put one job per document on the queue
 * (job id = sha256 of the text), for `dyad worker` processes on any number of machines to code.
 */
import type { Queue } from 'bullmq';
import { DyadError } from '../core/errors.js';
import { loadInputs, type InputDoc } from '../cli/inputs.js';
import { collectInputs } from '../cli/walk.js';
import { DEFAULT_RETRY, JOB_NAME, jobOptions, sha256, type DocJob, type RetryPolicy } from './job.js';

export interface EnqueueOptions {
  /** publication date of inputs without one */
  date: string;
  retry?: RetryPolicy;
  /** jobs per round trip to Redis (default 500) */
  chunk?: number;
  onProgress?: (p: EnqueueProgress, final: boolean) => void;
  onError?: (e: DyadError) => void;
}

export interface EnqueueProgress {
  total: number;
  seen: number;
  /** jobs added (a text whose job is still in the queue is not added twice) */
  enqueued: number;
  /** the same text twice in this run */
  skipped: number;
  /** inputs that could not be read (reported, not enqueued) */
  failed: number;
  elapsedMs: number;
}

export function toJob(d: InputDoc, date: string): DocJob {
  return { id: d.id, text: d.text, date: d.date ?? date, url: d.url, source: d.source, origin: d.where, hash: sha256(d.text) };
}

export async function enqueuePaths(paths: string[], queue: Queue, o: EnqueueOptions): Promise<EnqueueProgress> {
  const t0 = performance.now();
  const chunk = o.chunk ?? 500;
  const p: EnqueueProgress = { total: 0, seen: 0, enqueued: 0, skipped: 0, failed: 0, elapsedMs: 0 };
  const report = (e: DyadError) => { p.failed++; o.onError?.(e); };
  const files = collectInputs(paths, report);
  p.total = files.reduce((n, f) => n + f.expected, 0);
  const seen = new Set<string>();
  let buf: DocJob[] = [];
  const send = async () => {
    if (!buf.length) return;
    try {
      await queue.addBulk(buf.map((j) => ({ name: JOB_NAME, data: j, opts: jobOptions(j.hash, o.retry ?? DEFAULT_RETRY) })));
    } catch (e) {
      throw new DyadError('E_QUEUE', `cannot enqueue: ${(e as Error).message}`);
    }
    p.enqueued += buf.length;
    buf = [];
    p.elapsedMs = performance.now() - t0;
    o.onProgress?.({ ...p }, false);
  };
  for (const f of files) {
    let docs: InputDoc[];
    try {
      docs = loadInputs(f.path, (e) => { p.seen++; report(e); });
    } catch (e) {
      report(e instanceof DyadError ? e : new DyadError('E_INPUT_READ', String((e as Error)?.message ?? e), f.path));
      p.seen += f.expected;
      continue;
    }
    for (const d of docs) {
      p.seen++;
      const j = toJob(d, o.date);
      if (seen.has(j.hash)) { p.skipped++; continue; }
      seen.add(j.hash);
      buf.push(j);
      if (buf.length >= chunk) await send();
    }
  }
  await send();
  p.total = Math.max(p.total, p.seen);
  p.elapsedMs = performance.now() - t0;
  o.onProgress?.({ ...p }, true);
  return p;
}
