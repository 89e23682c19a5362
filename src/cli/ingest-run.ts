/**
 * The ingest loop: read inputs, skip texts already stored (sha256 of the text), code the rest, and write
 * them in transactional batches. Killing the process at any moment loses at most the current batch, which the
 * next run codes again; nothing is stored twice. A document that fails to code is recorded in `failures`.
 */
import { createHash } from 'node:crypto';
import { DyadError } from '../core/errors.js';
import { batchesOf, codeDocs } from '../batch.js';
import type { Doc } from '../core/doc.js';
import { collapseMentions } from '../store/dedup.js';
import type { AsyncEventStore, CodedDocument, EventStore, FailureInput } from '../store/types.js';
import { loadInputs, checkInputPath, parseJsonlLine, type InputDoc } from './inputs.js';
import { checkFileBytesSync, fileLinesSync } from './lines.js';
import { collectInputs, type InputFile } from './walk.js';

export interface IngestOptions {
  /** default publication date for inputs without one */
  date: string;
  /** documents per transaction (default 100) */
  batchSize?: number;
  /** commit at least this often, ms (default 1000) */
  batchMs?: number;
  /** code again documents whose earlier attempt failed */
  retryFailed?: boolean;
  onProgress?: (p: IngestProgress, final: boolean) => void;
  /** an input or document error (it is also recorded in the store when it concerns a document) */
  onError?: (e: DyadError) => void;
}

export interface IngestProgress {
  /** documents expected in all inputs */
  total: number;
  /** documents looked at so far */
  seen: number;
  /** newly stored documents */
  stored: number;
  /** skipped: already in the store, failed before for a reason of its own, or the same text twice in this run */
  skipped: number;
  failed: number;
  sentences: number;
  events: number;
  mentions: number;
  elapsedMs: number;
}

/**
 * Failures that belong to the document itself (its text or date): skipped on later runs unless
 * --retry-failed. Any other failure (a broken dictionary, an internal error) is retried on the next run.
 */
export const PERMANENT = new Set(['E_INPUT_EMPTY', 'E_INPUT_BINARY', 'E_INPUT_JSONL', 'E_DATE_INVALID']);

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What the store keeps of one coded input. */
export function toStored(d: InputDoc, doc: Doc, hash: string): CodedDocument {
  return {
    doc: { extId: d.id, source: d.source, url: d.url, date: doc.date, text: d.text, hash, origin: d.where, meta: d.meta },
    sentences: doc.sentences.map((s) => ({ i: s.i, start: s.start, end: s.end })),
    events: collapseMentions(doc.events),
  };
}

function asFailure(e: unknown, origin: string, hash: string): FailureInput {
  if (e instanceof DyadError) return { origin, hash, code: e.code, message: e.message };
  return { origin, hash, code: 'E_INTERNAL', message: (e as Error)?.message ?? String(e) };
}

/** What the ingest loop asks of the store; run synchronously (SQLite) or awaited (any AsyncEventStore). */
type StoreOp =
  | { op: 'stored'; hashes: string[] }
  | { op: 'failed'; hashes: string[] }
  | { op: 'write'; docs: CodedDocument[]; failures: FailureInput[] };

/**
 * Ingest files and folders (`paths`) and articles already in memory (`webDocs`: pages fetched from the web),
 * the latter after the files, into the synchronous store (SQLite).
 */
export function ingest(paths: string[], store: EventStore, opts: IngestOptions, webDocs: InputDoc[] = []): IngestProgress {
  const steps = ingestSteps(paths, opts, webDocs);
  let r = steps.next();
  while (!r.done) {
    const o = r.value;
    r = steps.next(o.op === 'stored' ? store.storedHashes(o.hashes) : o.op === 'failed' ? store.failedHashes(o.hashes) : store.write(o.docs, o.failures));
  }
  return r.value;
}

/** The same into either backend through the asynchronous interface (PostgreSQL, or SQLite wrapped). */
export async function ingestAsync(paths: string[], store: AsyncEventStore, opts: IngestOptions, webDocs: InputDoc[] = []): Promise<IngestProgress> {
  const steps = ingestSteps(paths, opts, webDocs);
  let r = steps.next();
  while (!r.done) {
    const o = r.value;
    r = steps.next(o.op === 'stored' ? await store.storedHashes(o.hashes) : o.op === 'failed' ? await store.failedHashes(o.hashes) : await store.write(o.docs, o.failures));
  }
  return r.value;
}

/** The loop itself, written once: a generator that yields what it needs from the store and is sent the answer. */
function* ingestSteps(paths: string[], opts: IngestOptions, webDocs: InputDoc[]): Generator<StoreOp, IngestProgress, unknown> {
  const batchSize = opts.batchSize ?? 100;
  const batchMs = opts.batchMs ?? 1000;
  const t0 = performance.now();
  const report = (e: DyadError) => opts.onError?.(e);
  const p: IngestProgress = {
    total: 0, seen: 0, stored: 0, skipped: 0, failed: 0, sentences: 0, events: 0, mentions: 0, elapsedMs: 0,
  };
  const files = collectInputs(paths, (e) => { p.failed++; report(e); });
  p.total = files.reduce((n, f) => n + f.expected, 0) + webDocs.length;
  const seenThisRun = new Set<string>();
  let pending: CodedDocument[] = [];
  let pendingFailures: FailureInput[] = [];
  let lastFlush = performance.now();
  let pendingCounts = { stored: 0, sentences: 0, events: 0, mentions: 0 };

  function* flush(): Generator<StoreOp, void, unknown> {
    if (pending.length || pendingFailures.length) yield { op: 'write', docs: pending, failures: pendingFailures };
    p.stored += pendingCounts.stored;
    p.sentences += pendingCounts.sentences;
    p.events += pendingCounts.events;
    p.mentions += pendingCounts.mentions;
    pending = [];
    pendingFailures = [];
    pendingCounts = { stored: 0, sentences: 0, events: 0, mentions: 0 };
    lastFlush = performance.now();
    p.elapsedMs = performance.now() - t0;
    opts.onProgress?.({ ...p }, false);
  }

  // between commits: live counts (the pending batch included) for a smooth progress display
  let lastTick = performance.now();
  const tick = () => {
    lastTick = performance.now();
    opts.onProgress?.({
      ...p, stored: p.stored + pendingCounts.stored, sentences: p.sentences + pendingCounts.sentences,
      events: p.events + pendingCounts.events, mentions: p.mentions + pendingCounts.mentions, elapsedMs: lastTick - t0,
    }, false);
  };

  // documents of one input: skip texts already stored, code the new ones stage-major in groups
  function* take(docs: InputDoc[]): Generator<StoreOp, void, unknown> {
    const hashes = docs.map((d) => sha256(d.text));
    const distinct = [...new Set(hashes)];
    const stored = (yield { op: 'stored', hashes: distinct }) as Set<string>;
    const failed = opts.retryFailed ? new Map<string, string>() : (yield { op: 'failed', hashes: distinct }) as Map<string, string>;
    // new texts, coded stage-major in groups (codeDocs isolates a failing document from the others)
    const todo: { d: InputDoc; h: string }[] = [];
    for (let i = 0; i < docs.length; i++) {
      const h = hashes[i];
      const failedBefore = failed.get(h);
      if (stored.has(h) || seenThisRun.has(h) || (failedBefore && PERMANENT.has(failedBefore))) {
        p.seen++;
        p.skipped++;
        continue;
      }
      seenThisRun.add(h);
      todo.push({ d: docs[i], h });
    }
    for (const group of batchesOf(todo, (t) => t.d.text.length)) {
      const coded = codeDocs(group.map(({ d }) => ({ text: d.text, date: d.date ?? opts.date, id: d.id, source: d.source, url: d.url })));
      for (let j = 0; j < group.length; j++) {
        const { d, h } = group[j];
        p.seen++;
        const r = coded[j];
        if (r instanceof Error) {
          const fail = asFailure(r, d.where, h);
          report(new DyadError(fail.code as DyadError['code'], fail.message, d.where));
          pendingFailures.push(fail);
          p.failed++;
          continue;
        }
        const cd = toStored(d, r, h);
        pending.push(cd);
        pendingCounts.stored++;
        pendingCounts.sentences += cd.sentences.length;
        pendingCounts.events += cd.events.length;
        pendingCounts.mentions += cd.events.reduce((n, e) => n + e.mentions.length, 0);
        if (pending.length >= batchSize || performance.now() - lastFlush >= batchMs) yield* flush();
      }
      if (opts.onProgress && performance.now() - lastTick >= 200) tick();
    }
  }

  for (const f of files) {
    // JSONL is read in chunks and ingested in groups, so a 200 MB file keeps memory bounded
    if (f.jsonl && f.path !== '-') {
      yield* ingestJsonl(f, take, (e) => { report(e); pendingFailures.push(asFailure(e, e.where ?? f.path, '')); p.failed++; p.seen++; }, (e) => {
        report(e);
        pendingFailures.push(asFailure(e, e.where ?? f.path, ''));
        p.failed++;
      });
      continue;
    }
    let docs: InputDoc[];
    const loadErrors: DyadError[] = [];
    try {
      docs = loadInputs(f.path, (e) => loadErrors.push(e));
    } catch (e) {
      const err = e instanceof DyadError ? e : new DyadError('E_INPUT_READ', String((e as Error)?.message ?? e), f.path);
      report(err);
      pendingFailures.push(asFailure(err, err.where ?? f.path, ''));
      p.failed++;
      p.seen += f.expected;
      continue;
    }
    for (const e of loadErrors) {
      report(e);
      pendingFailures.push(asFailure(e, e.where ?? f.path, ''));
      p.failed++;
      p.seen++;
    }
    yield* take(docs);
  }
  if (webDocs.length) yield* take(webDocs);
  yield* flush();
  p.total = Math.max(p.total, p.seen);
  p.elapsedMs = performance.now() - t0;
  opts.onProgress?.({ ...p }, true);
  return p;
}

/** documents per group taken from a JSONL file */
const JSONL_GROUP = 500;

/**
 * Stream one JSONL file into `take` in groups: its bytes are checked first (a binary or non-UTF-8 file is one
 * failure, as before), then lines are parsed as they are read; a bad line is reported and skipped.
 */
function* ingestJsonl(f: InputFile, take: (docs: InputDoc[]) => Generator<StoreOp, void, unknown>, lineError: (e: DyadError) => void,
  fileError: (e: DyadError) => void): Generator<StoreOp, void, unknown> {
  try {
    checkInputPath(f.path);
    checkFileBytesSync(f.path);
  } catch (e) {
    fileError(e instanceof DyadError ? e : new DyadError('E_INPUT_READ', String((e as Error)?.message ?? e), f.path));
    return;
  }
  let group: InputDoc[] = [];
  try {
    for (const [line, n] of fileLinesSync(f.path)) {
      try {
        const d = parseJsonlLine(line, n, f.path);
        if (d) group.push(d);
      } catch (e) {
        if (e instanceof DyadError) lineError(e);
        else throw e;
      }
      if (group.length >= JSONL_GROUP) { yield* take(group); group = []; }
    }
  } catch (e) {
    fileError(e instanceof DyadError ? e : new DyadError('E_INPUT_READ', String((e as Error)?.message ?? e), f.path));
  }
  if (group.length) yield* take(group);
}
