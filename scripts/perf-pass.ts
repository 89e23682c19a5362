// CPU cost of coding the bench corpus, for before/after comparisons of one optimisation (issue #8):
//   node dist/scripts/perf-pass.js [passes=8] [warm-up passes=2]
// Codes the distinct bench documents batched (as `dyad bench` does) and prints, over the measured passes:
// sentences per CPU-second (all passes), the fastest pass's CPU time (the least disturbed by other work on a
// shared machine) and, per stage, its fastest time (Pipeline.timing) in µs per sentence.
import { loadCorpus } from '../src/bench/corpus.js';
import { Coder } from '../src/bench/runner.js';

const passes = Number(process.argv[2] ?? 8);
const warm = Number(process.argv[3] ?? 2);
const corpus = loadCorpus();
const coder = new Coder();
for (let i = 0; i < warm; i++) coder.pass(corpus.docs);
const cpu: number[] = [];
const stageMin = new Map<string, number>();
let sentences = 0;
let events = 0;
for (let i = 0; i < passes; i++) {
  coder.resetTimings();
  const p = coder.pass(corpus.docs);
  cpu.push(p.cpuMs);
  sentences += p.sentences;
  events += p.events;
  for (const r of coder.stageShares()) stageMin.set(r.name, Math.min(stageMin.get(r.name) ?? Infinity, r.ms));
}
const perPass = sentences / passes;
const total = cpu.reduce((a, b) => a + b, 0);
const min = Math.min(...cpu);
const us = (ms: number) => ((ms * 1000) / perPass).toFixed(1);
console.log(`passes ${passes}: ${Math.round((sentences * 1000) / total).toLocaleString('en-US')} sentences/CPU-s; fastest pass ${min.toFixed(0)} ms CPU (${us(min)} µs/sentence, ${Math.round((perPass * 1000) / min).toLocaleString('en-US')}/CPU-s); events/pass ${events / passes}`);
const stages = [...stageMin];
const sum = stages.reduce((a, [, ms]) => a + ms, 0);
console.log(`stages, fastest pass each (µs/sentence, share): ${stages.map(([n, ms]) => `${n} ${us(ms)} ${((100 * ms) / sum).toFixed(1)}%`).join(' | ')} | sum ${us(sum)}`);
