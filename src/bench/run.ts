import { DyadError } from '../core/errors.js';
import { cycle, joinDocs, loadCorpus, DEFAULT_SHARED_EVAL, type BenchDoc, type CorpusSource } from './corpus.js';
import { floorPass } from './floor.js';
import { Coder, addPass, blocksOf, emptyPass, perSecond, sideBySide, type CodePass } from './runner.js';
import { coldStart, codingRss, type ColdStart } from './startup.js';
import { workerScaling, type ScalingRow } from './workers.js';

export interface BenchOptions {
  /** limit the run to this many documents (quick run); default: enough for `minSentences` */
  docs?: number;
  /** also measure a worker pool of 1..workers threads */
  workers?: number;
  minSentences?: number;
  coldRuns?: number;
  sharedEval?: string;
  /** progress notes (stderr) */
  note?: (msg: string) => void;
}

export interface SizeRow {
  label: string;
  docs: number;
  sentences: number;
  ms: number;
  perSecond: number;
}

export interface BenchResult {
  sources: CorpusSource[];
  /** distinct documents available, and how many the run uses (fewer with --docs) */
  corpusDocs: number;
  baseDocs: number;
  baseSentences: number;
  /** events coded in one pass over the distinct documents: the optimisation guard */
  baseEvents: number;
  buildMs: number;
  floorMs: number;
  floorCpuMs: number;
  /** wink read with its default pipes, on the same blocks: a reference (floorPass with defaults) */
  defaultsMs: number;
  defaultsCpuMs: number;
  dyad: CodePass;
  blocks: number;
  stages: { name: string; ms: number; share: number }[];
  /** peak RSS of the bench process (it also ran the floor) */
  rssMb: number;
  /** peak RSS of a process that only coded the 4× documents, batched (dyad's own) */
  codingRss: { maxRssMb: number; sentences: number };
  corpusSize: SizeRow[];
  docLength: SizeRow[];
  /** the 1× documents coded one at a time (Pipeline.run, as `dyad code`), against batched on the same */
  oneByOne: { single: SizeRow; batched: SizeRow };
  cold: ColdStart;
  workers: ScalingRow[];
  rssWorkersMb: number | null;
  small: boolean;
}

export const DEFAULT_MIN_SENTENCES = 200_000;
/** documents per floor/defaults/dyad alternation block (~290 KB of text on the bench corpus: several of dyad's batches) */
const BLOCK_DOCS = 2000;

const rssMb = () => process.resourceUsage().maxRSS / 1024;

function sizeRow(label: string, p: CodePass): SizeRow {
  return { label, docs: p.docs, sentences: p.sentences, ms: p.ms, perSecond: perSecond(p.sentences, p.ms) };
}

const sumPasses = (ps: CodePass[]): CodePass => ps.reduce(addPass, emptyPass());

export async function runBenchmark(o: BenchOptions = {}): Promise<BenchResult> {
  const note = o.note ?? (() => {});
  const minSentences = o.minSentences ?? DEFAULT_MIN_SENTENCES;
  const corpus = loadCorpus(o.sharedEval ?? DEFAULT_SHARED_EVAL);
  if (!corpus.docs.length) throw new DyadError('E_INPUT_NOT_FOUND', 'no bench corpus: examples/ and ../shared/eval/ are both missing');
  let base: BenchDoc[] = corpus.docs;
  if (o.docs !== undefined && o.docs < base.length) base = base.slice(0, o.docs);

  const t0 = performance.now();
  const coder = new Coder();
  const buildMs = performance.now() - t0;
  note(`warming up on ${base.length.toLocaleString('en-US')} distinct documents`);
  const warm = coder.pass(base);
  floorPass(base);
  floorPass(base, true);
  const baseSentences = Math.max(1, warm.sentences);
  const n = o.docs ?? base.length * Math.ceil(minSentences / baseSentences);
  const docs = cycle(base, n);

  note(`timing tokenise+POS floor, wink with its default pipes and dyad side by side on ${n.toLocaleString('en-US')} documents`);
  coder.resetTimings();
  const sbs = sideBySide(coder, blocksOf(docs, Math.min(BLOCK_DOCS, base.length)));
  const stages = coder.stageShares();
  const rss = rssMb();

  note('timing 1×, 4× and 16× corpus sizes alone, and longer documents');
  const unit = Math.max(1, Math.floor(n / 16));
  // each size coded alone, one after the other (the side-by-side run above shares the caches with wink's runs)
  const corpusSize = [
    sizeRow('1×', coder.pass(docs.slice(0, unit))),
    sizeRow('4×', coder.pass(docs.slice(0, unit * 4))),
    sizeRow('16×', coder.pass(docs.slice(0, unit * 16))),
  ];
  const unitDocs = docs.slice(0, unit);
  // one document at a time vs batched, alternating, on the 1× documents
  const single = [coder.passOneByOne(unitDocs)];
  const batched = [coder.pass(unitDocs)];
  batched.push(coder.pass(unitDocs));
  single.push(coder.passOneByOne(unitDocs));
  const oneByOne = { single: sizeRow('1×', sumPasses(single)), batched: sizeRow('1×', sumPasses(batched)) };
  const docLength = [1, 4, 16].map((k) => sizeRow(`${k}×`, coder.pass(joinDocs(unitDocs, k))));

  note('peak RSS of a process that only codes the 4× documents');
  const sharedEval = o.sharedEval ?? DEFAULT_SHARED_EVAL;
  const codingRssMb = codingRss(base.length, unit * 4, sharedEval);

  note('timing cold start of dyad code');
  const cold = coldStart(o.coldRuns ?? 5);

  let workers: ScalingRow[] = [];
  let rssWorkersMb: number | null = null;
  if (o.workers && o.workers > 0) {
    note(`timing worker pools of 1..${o.workers} threads`);
    // on the 4× documents (a quarter of the run): enough to time, without coding the whole run once per pool size
    workers = await workerScaling(o.workers, docs.slice(0, unit * 4), base);
    rssWorkersMb = rssMb();
  }
  return {
    sources: corpus.sources, corpusDocs: corpus.docs.length, baseDocs: base.length, baseSentences, baseEvents: warm.events, buildMs,
    floorMs: sbs.floorMs, floorCpuMs: sbs.floorCpuMs, defaultsMs: sbs.defaultsMs, defaultsCpuMs: sbs.defaultsCpuMs, dyad: sbs.dyad, blocks: sbs.blocks, stages, rssMb: rss, codingRss: codingRssMb, corpusSize, docLength, oneByOne, cold,
    workers, rssWorkersMb, small: sbs.dyad.sentences < minSentences,
  };
}
