/**
 * A queue worker: takes documents from the BullMQ queue, codes them stage-major in small batches
 * (codeDocs), and writes each batch to the store in one transaction.
 *
 * Delivery is at least once: a job whose worker dies is moved back to the queue when its lock expires and
 * another worker takes it. The store makes it exactly once: a text already stored (by sha256) is skipped
 * before coding, and the write inserts a document only if its hash is absent, in the same transaction as
 * its events, so a redelivered document is never stored twice and a killed transaction leaves nothing.
 * A job completes only after its batch is committed.
 *
 * Failures: a document that cannot be coded for a reason of its own (empty, bad date, malformed job) fails
 * at once; any other error (the store unreachable, a bug) is retried with exponential backoff. A document
 * with no attempt left goes to the dead-letter list (dead.ts) and the store's failures.
 */
import { MetricsTime, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { codeDocs } from '../batch.js';
import { DyadError } from '../core/errors.js';
import { PERMANENT } from '../cli/ingest-run.js';
import type { AsyncEventStore, CodedDocument } from '../store/types.js';
import { addDead, clearDead } from './dead.js';
import { checkJob, toCoded, type DocJob } from './job.js';

export interface WorkerOptions {
  queue: string;
  /** a connected client (connectRedis 'worker'); BullMQ duplicates it for its blocking connection */
  redis: Redis;
  store: AsyncEventStore;
  /** worker name, stored on the jobs it processes (default: host:pid) */
  name?: string;
  /** jobs held at once (default 128): two batches, so one is coded while the other is written */
  concurrency?: number;
  /** documents per batch (default 64) */
  batch?: number;
  /** how long a batch waits to fill, ms (default 20) */
  batchWaitMs?: number;
  /** job lock, ms (default 30000): a dead worker's jobs return to the queue about this long after it died */
  lockMs?: number;
  onBatch?: (b: BatchReport) => void;
  /** a failed attempt at a document: retried (`final` false) or dead-lettered */
  onFailure?: (e: DyadError, attempt: number, final: boolean) => void;
  onError?: (e: Error) => void;
}

export interface BatchReport {
  jobs: number;
  stored: number;
  /** already in the store: a redelivery, or the same text enqueued twice */
  duplicates: number;
  failed: number;
  events: number;
  /** wall time of the batch, and the parts spent coding and in the store (lookups and the write) */
  ms: number;
  codeMs: number;
  storeMs: number;
}

export interface JobResult {
  stored: boolean;
  events: number;
}

interface Pending {
  job: Job;
  resolve: (r: JobResult) => void;
  reject: (e: Error) => void;
}

const asDyad = (e: unknown): DyadError =>
  e instanceof DyadError ? e : new DyadError('E_INTERNAL', (e as Error)?.message ?? String(e));

export class QueueWorker {
  readonly worker: Worker;
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly batch: number;
  private readonly waitMs: number;
  private inFlight = new Set<Promise<void>>();
  /** jobs taken and not yet answered */
  held = 0;

  constructor(private readonly o: WorkerOptions) {
    this.batch = o.batch ?? 64;
    this.waitMs = o.batchWaitMs ?? 20;
    const lockMs = o.lockMs ?? 30_000;
    this.worker = new Worker(o.queue, (job) => this.enqueue(job), {
      connection: o.redis,
      name: o.name,
      concurrency: o.concurrency ?? 128,
      lockDuration: lockMs,
      stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
      // a job whose worker died twice or lost its lock under load is taken again, not failed
      maxStalledCount: 5,
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
      autorun: true,
    });
    this.worker.on('error', (e) => o.onError?.(e));
    // jobs failed outside the processor (a stalled job past maxStalledCount) reach the dead-letter list here
    this.worker.on('failed', (job, err) => {
      if (!job || !(err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1))) return;
      if (/^E_[A-Z_]+: /.test(err.message)) return; // recorded by the processor already
      this.dead(job, new DyadError('E_QUEUE', err.message), job.attemptsMade).catch((e) => o.onError?.(e as Error));
    });
  }

  private enqueue(job: Job): Promise<JobResult> {
    this.held++;
    return new Promise<JobResult>((resolve, reject) => {
      this.pending.push({
        job,
        resolve: (r) => { this.held--; resolve(r); },
        reject: (e) => { this.held--; reject(e); },
      });
      if (this.pending.length >= this.batch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.waitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.pending.length) {
      const items = this.pending.splice(0, this.batch);
      const p = this.run(items).catch((e) => {
        for (const it of items) it.reject(e as Error);
      }).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  private async dead(job: Job, e: DyadError, attempts: number, d?: DocJob): Promise<void> {
    const data = job.data as Record<string, unknown> | null;
    const key = d?.hash ?? `job:${job.id}`;
    const at = new Date().toISOString();
    const id = d?.id ?? (typeof data?.id === 'string' ? data.id : '');
    const origin = d?.origin ?? (typeof data?.origin === 'string' ? data.origin : '');
    await addDead(this.o.redis, this.o.queue, { key, job: String(job.id), id, origin, code: e.code, message: e.message, attempts, at, data: job.data });
    // the store keeps the failure too, as `dyad ingest` does (best effort: the store may be what failed)
    await this.o.store.write([], [{ origin: origin || `job ${job.id}`, hash: d?.hash ?? '', code: e.code, message: e.message }]).catch(() => {});
  }

  /** Fail one job: at once when the document itself is bad, else retried until its attempts are used up. */
  private async fail(p: Pending, err: unknown, d?: DocJob): Promise<void> {
    const e = asDyad(err);
    const permanent = PERMANENT.has(e.code) || e.code === 'E_QUEUE_JOB';
    const attempts = p.job.attemptsMade + 1;
    const final = permanent || attempts >= (p.job.opts.attempts ?? 1);
    this.o.onFailure?.(e, attempts, final);
    if (final) await this.dead(p.job, e, attempts, d).catch((x) => this.o.onError?.(x as Error));
    const msg = `${e.code}: ${e.where ? e.where + ': ' : ''}${e.message}`;
    p.reject(permanent ? new UnrecoverableError(msg) : new Error(msg));
  }

  private async run(items: Pending[]): Promise<void> {
    const t0 = performance.now();
    const report: BatchReport = { jobs: items.length, stored: 0, duplicates: 0, failed: 0, events: 0, ms: 0, codeMs: 0, storeMs: 0 };
    const valid: { p: Pending; d: DocJob }[] = [];
    for (const p of items) {
      try {
        valid.push({ p, d: checkJob(p.job.data) });
      } catch (e) {
        report.failed++;
        await this.fail(p, e);
      }
    }
    // texts already stored (a redelivered job, the same text enqueued twice) are not coded again
    let known: Set<string>;
    let t = performance.now();
    try {
      known = await this.o.store.storedHashes(valid.map((v) => v.d.hash));
      report.storeMs += performance.now() - t;
    } catch (e) {
      for (const v of valid) await this.fail(v.p, e, v.d);
      report.failed += valid.length;
      return this.done(report, t0);
    }
    const todo: { p: Pending; d: DocJob }[] = [];
    const doneKeys: string[] = [];
    for (const v of valid) {
      if (known.has(v.d.hash)) {
        report.duplicates++;
        doneKeys.push(v.d.hash);
        v.p.resolve({ stored: false, events: 0 });
      } else {
        todo.push(v);
      }
    }
    t = performance.now();
    const coded = codeDocs(todo.map(({ d }) => ({ text: d.text, date: d.date, id: d.id, source: d.source, url: d.url })));
    report.codeMs = performance.now() - t;
    const ok: { p: Pending; d: DocJob; cd: CodedDocument }[] = [];
    for (let i = 0; i < todo.length; i++) {
      const r = coded[i];
      if (r instanceof Error) {
        report.failed++;
        await this.fail(todo[i].p, r instanceof DyadError ? new DyadError(r.code, r.message, todo[i].d.origin || undefined) : r, todo[i].d);
      } else {
        ok.push({ ...todo[i], cd: toCoded(todo[i].d, r) });
      }
    }
    if (ok.length) {
      try {
        t = performance.now();
        const w = await this.o.store.write(ok.map((x) => x.cd), []);
        report.storeMs += performance.now() - t;
        const stored = new Set(w.stored);
        for (const x of ok) {
          const isNew = stored.has(x.d.hash);
          if (isNew) { report.stored++; report.events += x.cd.events.length; } else report.duplicates++;
          doneKeys.push(x.d.hash);
          x.p.resolve({ stored: isNew, events: isNew ? x.cd.events.length : 0 });
        }
      } catch (e) {
        for (const x of ok) await this.fail(x.p, e, x.d);
        report.failed += ok.length;
      }
    }
    await clearDead(this.o.redis, this.o.queue, doneKeys).catch((e) => this.o.onError?.(e as Error));
    this.done(report, t0);
  }

  private done(r: BatchReport, t0: number): void {
    r.ms = performance.now() - t0;
    this.o.onBatch?.(r);
  }

  /** Stop taking jobs, finish the ones held (their batches are written), then disconnect. */
  async close(): Promise<void> {
    const closing = this.worker.close();
    this.flush();
    await Promise.all([...this.inFlight]);
    await closing;
  }
}
