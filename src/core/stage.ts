import type { Doc } from './doc.js';
import { DyadError } from './errors.js';

/**
 * A pipeline stage. `requires` and `assigns` name Doc layers ("tokens", "pos", "chunks", "actors"...);
 * the pipeline refuses to build when a stage's requirements are not assigned by an earlier stage.
 */
export interface Stage {
  readonly name: string;
  readonly requires: readonly string[];
  readonly assigns: readonly string[];
  run(doc: Doc): void;
}

export interface StageTiming {
  name: string;
  ms: number;
}

export class Pipeline {
  readonly stages: readonly Stage[];
  /** accumulated time per stage, for `dyad bench` */
  readonly timings: Map<string, number> = new Map();
  timing = false;

  constructor(stages: Stage[], initial: readonly string[] = ['text']) {
    const have = new Set(initial);
    for (const s of stages) {
      const missing = s.requires.filter((r) => !have.has(r));
      if (missing.length) {
        throw new DyadError(
          'E_PIPELINE',
          `stage '${s.name}' requires ${missing.map((m) => `'${m}'`).join(', ')}, which no earlier stage assigns`,
        );
      }
      for (const a of s.assigns) have.add(a);
    }
    this.stages = stages;
    // the layers present after each stage (initial ones first): every Doc points at these shared lists
    let acc: string[] = [...new Set(initial)];
    this.initialLayers = acc;
    this.layersAfter = stages.map((s) => (acc = [...new Set([...acc, ...s.assigns])]));
  }

  private readonly initialLayers: readonly string[];
  private readonly layersAfter: readonly (readonly string[])[];

  run(doc: Doc): Doc {
    doc.layers = this.initialLayers;
    for (let i = 0; i < this.stages.length; i++) {
      const s = this.stages[i];
      if (this.timing) {
        const t0 = performance.now();
        s.run(doc);
        this.timings.set(s.name, (this.timings.get(s.name) ?? 0) + performance.now() - t0);
      } else {
        s.run(doc);
      }
      doc.layers = this.layersAfter[i];
    }
    return doc;
  }

  /**
   * Run the stages over several documents stage-major: every document through the first stage, then every
   * document through the next... Each Doc ends exactly as run(doc) leaves it (stages keep no state between
   * documents); it costs about a quarter less CPU on the bench corpus because each stage's code, tables and
   * inline caches stay hot. Use batches of some tens of KB of text (see BATCH_CHARS, batchesOf and codeDocs in src/batch.ts).
   * If a stage throws, the batch is left part-coded: rebuild its Docs and run them one by one.
   */
  runAll(docs: readonly Doc[]): readonly Doc[] {
    for (const d of docs) d.layers = this.initialLayers;
    for (let i = 0; i < this.stages.length; i++) {
      const s = this.stages[i];
      const layers = this.layersAfter[i];
      const t0 = this.timing ? performance.now() : 0;
      for (const d of docs) {
        s.run(d);
        d.layers = layers;
      }
      if (this.timing) this.timings.set(s.name, (this.timings.get(s.name) ?? 0) + performance.now() - t0);
    }
    return docs;
  }
}
