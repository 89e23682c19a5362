import type { Pipeline } from './core/stage.js';
import type { Doc } from './core/doc.js';
import { resourceLimits } from 'node:worker_threads';
import { buildPipeline, makeDoc, type CodeOptions } from './pipeline.js';
import { maxSemiSpaceMb } from './core/v8-heap.js';

/** One article for codeDocs: its text and per-article options (date, id, source, url). */
export interface DocInput {
  text: string;
  date?: string;
  id?: string;
  source?: string | null;
  url?: string | null;
}

/**
 * Characters of text per stage-major batch for a young generation of `semiMb` MB semi-spaces: 1,024 per MB (16 KB
 * at node's default of 16 MB, 64 KB with --max-semi-space-size=64), within 8 KB..256 KB.
 *
 * A batch runs every stage over all its documents before the next (Pipeline.runAll), so each stage's code and
 * dictionaries stay hot; its documents' tokens, chunks and mentions all live until the batch ends. A batch whose
 * live data outgrows the semi-space is copied out of it to the old generation at each scavenge, and that costs
 * more than the batching saves. Measured in one process, alternating, CPU µs per sentence against the earlier
 * batches of 64 documents (~9 KB of text on the bench corpus), paired medians: at 16 MB, 8 KB +2.5, 16 KB −1.3,
 * 32 KB +5.0, 64 KB +17.9; at 64 MB, 16 KB −0.1, 32 KB −0.9, 64 KB −4.1, 128 KB −2.8 (docs/performance.md,
 * "Sixth round"). Counting text, not documents, also bounds a batch's memory for long articles.
 */
export function batchChars(semiMb: number): number {
  return Math.min(256, Math.max(8, Math.round(semiMb))) * 1024;
}

/** Characters of text per stage-major batch in this thread (batchChars of its young generation's semi-space size). */
export const BATCH_CHARS = batchChars(maxSemiSpaceMb(process.execArgv, process.env.NODE_OPTIONS, resourceLimits.maxYoungGenerationSizeMb));

/** Documents per stage-major batch at most (a batch of many short texts closes here before BATCH_CHARS). */
export const BATCH_DOCS = 1024;

/** Is a batch that holds `docs` documents and `chars` characters of text full? (The document that fills it is in it.) */
export const batchFull = (docs: number, chars: number): boolean => docs >= BATCH_DOCS || chars >= BATCH_CHARS;

/** Items cut into consecutive stage-major batches (batchFull), by the length of each one's text. */
export function batchesOf<T>(items: readonly T[], textLength: (item: T) => number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let chars = 0;
  for (const x of items) {
    cur.push(x);
    chars += textLength(x);
    if (batchFull(cur.length, chars)) {
      out.push(cur);
      cur = [];
      chars = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

const pipelines = new Map<string, Pipeline>();

/** the cached default pipeline for these options (a fresh one when custom dictionaries are given) */
function pipelineFor(opts: CodeOptions): Pipeline {
  const custom = !!(opts.verbs || opts.nouns || opts.actors);
  const key = JSON.stringify({ p: !!opts.partial, n: !!opts.negated, e: !!opts.explain });
  let p = custom ? undefined : pipelines.get(key);
  if (!p) {
    p = buildPipeline(opts);
    if (!custom) pipelines.set(key, p);
  }
  return p;
}

const textLength = (d: DocInput): number => d.text?.length ?? 0;

const inputOptions = (opts: CodeOptions, d: DocInput): CodeOptions => ({
  ...opts, date: d.date ?? opts.date, id: d.id ?? opts.id, source: d.source ?? opts.source, url: d.url ?? opts.url,
});

function attempt<T>(f: () => T): T | Error {
  try {
    return f();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/**
 * Code many articles, stage-major in batches of BATCH_CHARS of text (batchesOf; Pipeline.runAll): the same Docs
 * as codeDoc on each, for about a quarter less CPU. Results come back in input order; an input that fails (bad text or
 * date, a stage error) yields its error in place of a Doc and does not fail the others.
 */
export function codeDocs(inputs: readonly DocInput[], opts: CodeOptions = {}): (Doc | Error)[] {
  const p = pipelineFor(opts);
  const out: (Doc | Error)[] = [];
  for (const part of batchesOf(inputs, textLength)) {
    const made = part.map((d) => attempt(() => makeDoc(d.text, inputOptions(opts, d))));
    try {
      p.runAll(made.filter((d): d is Doc => !(d instanceof Error)));
      out.push(...made);
    } catch {
      // a stage failed on one of them: code the batch again one by one to find it and keep the others
      for (const d of part) out.push(attempt(() => p.run(makeDoc(d.text, inputOptions(opts, d)))));
    }
  }
  return out;
}
