// One stage of two builds, timed alternately in one process (issue #8: this machine drifts ±15 % from minute to
// minute, so builds are compared side by side, not run after run):
//   node dist/scripts/stage-ab.js STAGE OLD/dist NEW/dist [rounds=12]
// Each build codes the bench corpus's documents up to the stage with its own pipeline; then only the stage runs,
// on fresh documents each round, builds alternating (A B, B A, ...). Prints min and median µs per sentence.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCorpus } from '../src/bench/corpus.js';
import type { Doc } from '../src/core/doc.js';
import type { Pipeline } from '../src/core/stage.js';

const [stage, distA, distB] = process.argv.slice(2);
const rounds = Number(process.argv[5] ?? 12);
if (!stage || !distA || !distB) {
  console.error('usage: node dist/scripts/stage-ab.js STAGE OLD/dist NEW/dist [rounds=12]');
  process.exit(2);
}
const corpus = loadCorpus();

interface Build { name: string; pipeline: Pipeline; index: number; prepare: () => Doc[] }

async function load(dist: string, name: string): Promise<Build> {
  const mod = (await import(pathToFileURL(path.resolve(dist, 'src', 'pipeline.js')).href)) as {
    buildPipeline: () => Pipeline;
    makeDoc: (text: string, opts: { date: string }) => Doc;
  };
  const pipeline = mod.buildPipeline();
  const index = pipeline.stages.findIndex((s) => s.name === stage);
  if (index < 0) throw new Error(`${dist}: no stage '${stage}' (${pipeline.stages.map((s) => s.name).join(', ')})`);
  const prepare = () => corpus.docs.map((d) => {
    const doc = mod.makeDoc(d.text, { date: d.date });
    for (let i = 0; i < index; i++) pipeline.stages[i].run(doc);
    return doc;
  });
  return { name, pipeline, index, prepare };
}

const builds = [await load(distA, 'A'), await load(distB, 'B')];
const times: number[][] = [[], []];
let sentences = 0;
for (let r = 0; r < rounds + 2; r++) {
  for (const i of r % 2 ? [1, 0] : [0, 1]) {
    const b = builds[i];
    const docs = b.prepare();
    const s = b.pipeline.stages[b.index];
    const t0 = performance.now();
    for (const d of docs) s.run(d);
    if (r >= 2) times[i].push(performance.now() - t0); // two warm-up rounds
    // counted after the stage: before tokenize, documents have no sentences yet
    sentences = docs.reduce((a, d) => a + d.sentences.length, 0);
  }
}
const us = (ms: number) => ((ms * 1000) / sentences).toFixed(2);
const median = (l: number[]) => [...l].sort((a, b) => a - b)[l.length >> 1];
console.log(`${stage}: A min ${us(Math.min(...times[0]))} med ${us(median(times[0]))} | B min ${us(Math.min(...times[1]))} med ${us(median(times[1]))} µs/sentence (${rounds} rounds, ${sentences} sentences)`);
