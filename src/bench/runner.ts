import type { Pipeline } from '../core/stage.js';
import type { Doc } from '../core/doc.js';
import { buildPipeline, makeDoc } from '../pipeline.js';
import { batchesOf } from '../batch.js';
import type { BenchDoc } from './corpus.js';
import { floorPass } from './floor.js';

/** What one coding pass over some documents produced and cost. */
export interface CodePass {
  ms: number;
  /** process CPU time (user + system, all threads: GC helpers included) */
  cpuMs: number;
  docs: number;
  sentences: number;
  tokens: number;
  events: number;
  /** documents whose coding threw (should be 0; printed as a guard) */
  failed: number;
}

export const emptyPass = (): CodePass => ({ ms: 0, cpuMs: 0, docs: 0, sentences: 0, tokens: 0, events: 0, failed: 0 });

export function addPass(a: CodePass, b: CodePass): CodePass {
  return {
    ms: a.ms + b.ms, cpuMs: a.cpuMs + b.cpuMs, docs: a.docs + b.docs, sentences: a.sentences + b.sentences,
    tokens: a.tokens + b.tokens, events: a.events + b.events, failed: a.failed + b.failed,
  };
}

const benchTextLength = (d: BenchDoc): number => d.text.length;

type Counts = Omit<CodePass, 'ms' | 'cpuMs' | 'docs'>;

/** process CPU time so far, in ms */
export const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function count(acc: Counts, doc: Doc): void {
  acc.sentences += doc.sentences.length;
  acc.tokens += doc.tokens.length;
  acc.events += doc.events.length;
}

/** The default pipeline, as `dyad code` runs it, with per-stage timing on. */
export class Coder {
  readonly pipeline: Pipeline;
  constructor() {
    this.pipeline = buildPipeline();
    // two performance.now() calls per stage and batch: negligible
    this.pipeline.timing = true;
  }

  /**
   * Code the documents as a high-throughput caller does: stage-major batches (batchesOf; Pipeline.runAll,
   * as codeDocs in src/pipeline.ts). The clock covers makeDoc + every stage. A batch whose coding throws is
   * coded again one document at a time, so only the failing documents count as failed.
   */
  pass(docs: readonly BenchDoc[]): CodePass {
    const p = this.pipeline;
    const acc = { sentences: 0, tokens: 0, events: 0, failed: 0 };
    const c0 = cpuNow();
    const t0 = performance.now();
    for (const part of batchesOf(docs, benchTextLength)) {
      try {
        for (const doc of p.runAll(part.map((d) => makeDoc(d.text, { date: d.date })))) count(acc, doc);
      } catch {
        this.oneByOne(part, acc);
      }
    }
    return { ms: performance.now() - t0, cpuMs: cpuNow() - c0, docs: docs.length, ...acc };
  }

  /** code the documents one at a time (Pipeline.run, as codeDoc and `dyad code` do) */
  passOneByOne(docs: readonly BenchDoc[]): CodePass {
    const acc = { sentences: 0, tokens: 0, events: 0, failed: 0 };
    const c0 = cpuNow();
    const t0 = performance.now();
    this.oneByOne(docs, acc);
    return { ms: performance.now() - t0, cpuMs: cpuNow() - c0, docs: docs.length, ...acc };
  }

  private oneByOne(docs: readonly BenchDoc[], acc: Counts): void {
    for (const d of docs) {
      try {
        count(acc, this.pipeline.run(makeDoc(d.text, { date: d.date })));
      } catch {
        acc.failed++;
      }
    }
  }

  /** per-stage share of the accumulated stage time, in pipeline order */
  stageShares(): { name: string; ms: number; share: number }[] {
    const rows = this.pipeline.stages.map((s) => ({ name: s.name, ms: this.pipeline.timings.get(s.name) ?? 0 }));
    const total = rows.reduce((a, r) => a + r.ms, 0) || 1;
    return rows.map((r) => ({ ...r, share: r.ms / total }));
  }

  resetTimings(): void {
    this.pipeline.timings.clear();
  }
}

export interface SideBySide {
  floorMs: number;
  floorCpuMs: number;
  /** wink with its default pipes (floorPass with defaults): a reference, not a floor */
  defaultsMs: number;
  defaultsCpuMs: number;
  dyad: CodePass;
  blocks: number;
}

/**
 * Floor, wink's defaults and dyad over the same blocks, alternating (floor, defaults, dyad, then dyad, defaults,
 * floor, ...) so that all see the same machine load: on a shared machine, a burst of someone else's work hits
 * every side alike.
 */
export function sideBySide(coder: Coder, blocks: readonly (readonly BenchDoc[])[]): SideBySide {
  const floor = { ms: 0, cpuMs: 0 };
  const defaults = { ms: 0, cpuMs: 0 };
  const wink = (b: readonly BenchDoc[], acc: { ms: number; cpuMs: number }) => {
    const f = floorPass(b, acc === defaults);
    acc.ms += f.ms;
    acc.cpuMs += f.cpuMs;
  };
  let dyad = emptyPass();
  blocks.forEach((b, i) => {
    const floorFirst = i % 2 === 0;
    if (floorFirst) wink(b, floor);
    else dyad = addPass(dyad, coder.pass(b));
    wink(b, defaults);
    if (floorFirst) dyad = addPass(dyad, coder.pass(b));
    else wink(b, floor);
  });
  return { floorMs: floor.ms, floorCpuMs: floor.cpuMs, defaultsMs: defaults.ms, defaultsCpuMs: defaults.cpuMs, dyad, blocks: blocks.length };
}

/** split docs into consecutive blocks of at most `size` documents */
export function blocksOf<T>(docs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < docs.length; i += size) out.push(docs.slice(i, i + size));
  return out;
}

export const perSecond = (n: number, ms: number): number => (ms > 0 ? (n * 1000) / ms : 0);
