import os from 'node:os';
import type { BenchResult, SizeRow } from './run.js';
import { perSecond } from './runner.js';
import { HEAP_FLAGS, heapFlags, nodeFlags } from '../core/v8-heap.js';
import { BATCH_CHARS } from '../batch.js';

const BATCH = `${BATCH_CHARS / 1024} KB of text`;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fix = (n: number, d = 2) => n.toFixed(d);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(head: string[], rows: string[][]): string[] {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(head), ...rows.map(line)];
}

function sizeTable(rows: SizeRow[], first: string): string[] {
  const base = rows[0];
  return table([first, 'docs', 'sentences', 'time', 'sentences/s', 'time / 1× time'],
    rows.map((r) => [r.label, int(r.docs), int(r.sentences), sec(r.ms), int(r.perSecond), fix(base.ms ? r.ms / base.ms : 0, 2)]));
}

/** The figures dyad is judged on, in one line. */
export function summaryLine(r: BenchResult): string {
  const dyad = perSecond(r.dyad.sentences, r.dyad.ms);
  const floor = perSecond(r.dyad.sentences, r.floorMs);
  const defaults = perSecond(r.dyad.sentences, r.defaultsMs);
  return `bench: ${int(dyad)} sentences/s end-to-end (ratio ${fix(dyad / floor)} to the tokenise+POS floor of ${int(floor)}; ` +
    `${fix(dyad / defaults)} to wink's default pipeline at ${int(defaults)}), ` +
    `peak RSS ${int(r.codingRss.maxRssMb)} MB, cold start ${int(r.cold.medianMs)} ms`;
}

export function formatReport(r: BenchResult): string {
  const d = r.dyad;
  const dyadS = perSecond(d.sentences, d.ms);
  const floorS = perSecond(d.sentences, r.floorMs);
  const defaultsS = perSecond(d.sentences, r.defaultsMs);
  const cpus = os.cpus();
  const out: string[] = [];
  out.push(`dyad bench — node ${process.version}, ${cpus.length} core(s) (${cpus[0]?.model.trim() ?? '?'}), one thread unless said`);
  const flags = heapFlags(nodeFlags());
  out.push(flags.length ? `node heap flags: ${flags.join(' ')}; stage-major batches of ${BATCH}` :
    `node heap flags: none (node's defaults; stage-major batches of ${BATCH}). ${HEAP_FLAGS.join(' ')} codes faster: docs/performance.md`);
  const used = r.baseDocs < r.corpusDocs ? `the first ${int(r.baseDocs)} of ` : '';
  out.push(`corpus: ${used}${int(r.corpusDocs)} distinct documents (` + r.sources.map((s) => `${s.name} ${int(s.docs)}`).join(', ') +
    `), ${int(r.baseSentences)} sentences per pass`);
  out.push(`run: ${int(d.docs)} documents, ${int(d.sentences)} sentences, ${int(d.tokens)} tokens, in ${int(r.blocks)} blocks ` +
    `alternating floor, wink's defaults and dyad; pipeline build ${int(r.buildMs)} ms (not in the figures)`);
  if (r.small) out.push('note: fewer than 200,000 sentences — a quick run; the figures are indicative only');
  out.push('');
  out.push('throughput, measured side by side on the same documents');
  out.push(...table(['', 'sentences/s', 'tokens/s', 'time', 'CPU time', 'sentences/CPU-s'], [
    ['tokenise+POS floor (wink readDoc + pos)', int(floorS), int(perSecond(d.tokens, r.floorMs)), sec(r.floorMs), sec(r.floorCpuMs), int(perSecond(d.sentences, r.floorCpuMs))],
    ['wink default pipeline (reference, not a floor)', int(defaultsS), int(perSecond(d.tokens, r.defaultsMs)), sec(r.defaultsMs), sec(r.defaultsCpuMs), int(perSecond(d.sentences, r.defaultsCpuMs))],
    ['dyad end-to-end (makeDoc + all stages, batched)', int(dyadS), int(perSecond(d.tokens, d.ms)), sec(d.ms), sec(d.cpuMs), int(perSecond(d.sentences, d.cpuMs))],
  ]));
  out.push('  (time is wall-clock; CPU time is the process\'s, GC helper threads included: on a busy machine it shows what');
  out.push('  the coder itself cost, while wall-clock includes waiting for a core)');
  out.push(`  ratio dyad / floor: ${fix(dyadS / floorS)}; dyad / wink's default pipeline: ${fix(dyadS / defaultsS)}`);
  out.push('  (the floor: wink readDoc with the sbd and pos pipes only, as dyad reads text, then every token\'s POS;');
  out.push('  the default pipeline: the same with wink as winkNLP(model) sets it up, negation, sentiment, ner and cer too)');
  const ob = r.oneByOne;
  out.push(`  batched = stage-major batches of ${BATCH} (codeDocs in src/batch.ts, Pipeline.runAll; dyad ingest, dyad code`);
  out.push(`  on JSONL); one at a time (codeDoc, Pipeline.run; one article): ${int(ob.single.perSecond)} sentences/s against ` +
    `${int(ob.batched.perSecond)} batched on the same 1× documents (×${fix(ob.batched.perSecond / (ob.single.perSecond || 1))})`);
  out.push(`  events coded: ${int(d.events)} in the run, ${int(r.baseEvents)} per pass over the distinct documents (guard: optimisations must not change these)`);
  out.push(`  documents that failed to code: ${int(d.failed)}`);
  out.push('');
  out.push('stage time shares (Pipeline.timing, the run above)');
  out.push(...table(['stage', 'share', 'time', 'µs/sentence'],
    r.stages.map((s) => [s.name, pct(s.share), sec(s.ms), fix(d.sentences ? (s.ms * 1000) / d.sentences : 0, 1)])));
  out.push('');
  out.push('memory and start-up');
  out.push(`  peak RSS: ${int(r.codingRss.maxRssMb)} MB coding ${int(r.codingRss.sentences)} sentences (the 4× documents, batched) in a process of its own;`);
  out.push(`  ${int(r.rssMb)} MB for this bench process, which also ran the floor (process.resourceUsage().maxRSS)`);
  out.push(`  cold start: ${int(r.cold.medianMs)} ms median of ${r.cold.runs.length} (${r.cold.command}; ` +
    `runs ${r.cold.runs.map((x) => int(x)).join(', ')} ms)`);
  out.push('');
  out.push('cost vs corpus size (dyad alone, batched: the first 1/16, 1/4 and all of the run\'s documents, one size after the other)');
  out.push(...sizeTable(r.corpusSize, 'size'));
  out.push('');
  out.push('cost vs document length (the 1× documents joined k at a time: same text, longer documents)');
  out.push(...sizeTable(r.docLength, 'length'));
  if (r.workers.length) {
    out.push('');
    out.push(`worker threads (a pool coding stage-major batches of ${BATCH}, each worker with its own pipeline, on the 4× documents; ${cpus.length} core(s))`);
    out.push(...table(['workers', 'sentences/s', 'speed-up', 'time'],
      r.workers.map((w) => [String(w.workers), int(w.perSecond), `${fix(w.speedup)}×`, sec(w.ms)])));
    if (r.rssWorkersMb !== null) out.push(`  peak RSS with workers: ${int(r.rssWorkersMb)} MB (whole process)`);
  }
  out.push('');
  out.push(summaryLine(r));
  return out.join('\n') + '\n';
}
