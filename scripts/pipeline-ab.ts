// The whole pipeline of two builds, timed alternately in one process (issue #8): a change's cost or gain
// measured where it counts, with every stage and the garbage collector, while the machine drifts ±15 % from
// minute to minute:
//   node dist/scripts/pipeline-ab.js OLD/dist NEW/dist [rounds=16]
// Each round codes the bench corpus's distinct documents once per build, batched as that build's codeDocs does
// (its batchesOf, BATCH_CHARS of text; a build from before it, BATCH_DOCS documents), the order of the builds
// alternating from round to round. Both builds share this process's heap flags. Prints each build's min and
// median process CPU time per sentence and the median of the paired differences (NEW − OLD). A build against
// itself gives a paired median of about 0 ± 2 µs on the shared 2-core machine.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCorpus } from '../src/bench/corpus.js';
import type { Doc } from '../src/core/doc.js';
import type { Pipeline } from '../src/core/stage.js';

const [distA, distB] = process.argv.slice(2);
const rounds = Number(process.argv[4] ?? 16);
if (!distA || !distB) {
  console.error('usage: node dist/scripts/pipeline-ab.js OLD/dist NEW/dist [rounds=16]');
  process.exit(2);
}
const corpus = loadCorpus();

type BenchDoc = (typeof corpus.docs)[number];
interface Build { pipeline: Pipeline; makeDoc: (text: string, opts: { date: string }) => Doc; batches: BenchDoc[][] }

async function load(dist: string): Promise<Build> {
  const url = (p: string) => pathToFileURL(path.resolve(dist, 'src', p)).href;
  const mod = (await import(url('pipeline.js'))) as { buildPipeline: () => Pipeline; makeDoc: Build['makeDoc'] };
  const batch = (await import(url('batch.js'))) as {
    BATCH_DOCS: number;
    batchesOf?: (items: readonly BenchDoc[], textLength: (d: BenchDoc) => number) => BenchDoc[][];
  };
  const docs = corpus.docs;
  const batches: BenchDoc[][] = [];
  if (batch.batchesOf) batches.push(...batch.batchesOf(docs, (d) => d.text.length));
  else for (let i = 0; i < docs.length; i += batch.BATCH_DOCS) batches.push(docs.slice(i, i + batch.BATCH_DOCS));
  return { pipeline: mod.buildPipeline(), makeDoc: mod.makeDoc, batches };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let sentences = 0;
/** one batched pass over the corpus; CPU ms */
function pass(b: Build): number {
  const t0 = cpuMs();
  let s = 0;
  for (const part of b.batches) {
    const batch = part.map((d) => b.makeDoc(d.text, { date: d.date }));
    b.pipeline.runAll(batch);
    for (const d of batch) s += d.sentences.length;
  }
  sentences = s;
  return cpuMs() - t0;
}

const A = await load(distA);
const B = await load(distB);
for (let w = 0; w < 2; w++) {
  pass(A);
  pass(B);
}
const a: number[] = [];
const b: number[] = [];
const diff: number[] = [];
for (let r = 0; r < rounds; r++) {
  let x: number, y: number;
  if (r % 2) {
    y = pass(B);
    x = pass(A);
  } else {
    x = pass(A);
    y = pass(B);
  }
  a.push(x);
  b.push(y);
  diff.push(y - x);
}
const us = (ms: number) => ((ms * 1000) / sentences).toFixed(1);
const sorted = (v: number[]) => [...v].sort((p, q) => p - q);
const min = (v: number[]) => sorted(v)[0];
const median = (v: number[]) => sorted(v)[v.length >> 1];
console.log(
  `OLD ${distA}: min ${us(min(a))} median ${us(median(a))} | NEW ${distB}: min ${us(min(b))} median ${us(median(b))} ` +
    `µs CPU per sentence | paired median NEW − OLD ${us(median(diff))} | ${rounds} rounds, ${sentences} sentences per pass`,
);
