// In-process micro-benchmark of findDates with the gated chrono (src/dates/chrono-gated.ts) against
// findDatesUsing(chrono.casual), the findDates of before:
//   node dist/scripts/dates-bench.js [rounds=15] [another build's dist/src/dates/expressions.js, as "old"]
// Over the bench corpus's sentences (all of them, and those the dates stage reads: sentences with an event),
// old and new alternate, each round several passes; prints µs per sentence (min and median of the rounds).
// Then chrono alone: chrono.casual against the gated instance, per call, on the sentences chronoDates
// hands to chrono (a digit or a month name).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as chrono from 'chrono-node/en';
import { findDates, findDatesUsing } from '../src/dates/expressions.js';
import { gatedChrono } from '../src/dates/chrono-gated.js';
import { loadCorpus } from '../src/bench/corpus.js';
import { codeDoc } from '../src/pipeline.js';

const ROUNDS = Number(process.argv[2] ?? 15);
type FindDates = typeof findDates;
const old: FindDates = process.argv[3]
  ? ((await import(pathToFileURL(path.resolve(process.argv[3])).href)) as { findDates: FindDates }).findDates
  : (text, pub) => findDatesUsing(chrono.casual, text, pub);

const all: [string, string][] = [];
const withEvents: [string, string][] = [];
for (const d of loadCorpus().docs) {
  const doc = codeDoc(d.text, { date: d.date });
  const evSents = new Set(doc.events.map((_, i) => (doc.eventMeta[i] ? doc.clauses[doc.eventMeta[i].clause].sent : -1)));
  doc.sentences.forEach((s, k) => {
    const pair: [string, string] = [doc.text.slice(s.start, s.end), doc.date];
    all.push(pair);
    if (evSents.has(k)) withEvents.push(pair);
  });
}
const toChrono = (t: string) => /\d/.test(t) || /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/.test(t);

const med = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1];

/** old and new alternating, ROUNDS rounds: ms per pass of each round */
function alternate(label: string, n: number, old: () => unknown, fresh: () => unknown): void {
  // passes per round: about 50 ms of work each
  const reps = Math.max(1, Math.round(20_000 / n));
  for (let i = 0; i < 3; i++) { old(); fresh(); }
  const times: Record<'old' | 'new', number[]> = { old: [], new: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of r % 2 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
      const f = k === 'old' ? old : fresh;
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) f();
      times[k].push((performance.now() - t0) / reps);
    }
  }
  const show = (ms: number) => ((ms * 1000) / n).toFixed(2);
  for (const k of ['old', 'new'] as const) console.log(`${label} ${k}: µs each, min ${show(Math.min(...times[k]))} median ${show(med(times[k]))}`);
  console.log(`${label}: new/old (medians) ${(med(times.new) / med(times.old)).toFixed(3)}`);
}

function measure(label: string, texts: [string, string][]): void {
  const pass = (f: FindDates) => () => {
    let n = 0;
    for (const [t, d] of texts) n += f(t, d).dates.length;
    return n;
  };
  alternate(`findDates, ${texts.length} ${label}`, texts.length, pass(old), pass(findDates));
}

function measureChrono(label: string, pairs: [string, string][]): void {
  const texts = pairs.filter(([t]) => toChrono(t));
  const refs = texts.map(([, d]) => { const [y, m, day] = d.split('-').map(Number); return new Date(y, m - 1, day, 12); });
  const gated = gatedChrono(chrono.casual);
  const pass = (c: Pick<chrono.Chrono, 'parse'>) => () => {
    let n = 0;
    for (let i = 0; i < texts.length; i++) n += c.parse(texts[i][0], refs[i], { forwardDate: false }).length;
    return n;
  };
  alternate(`chrono, ${texts.length} calls (${label})`, texts.length, pass(chrono.casual), pass(gated));
}

console.log(`dates-bench: ${all.length} sentences, ${withEvents.length} with an event; ${ROUNDS} rounds, old = ${process.argv[3] ?? 'findDatesUsing(chrono.casual)'}`);
measure('event sentences', withEvents);
measure('sentences', all);
measureChrono('event sentences', withEvents);
measureChrono('all sentences', all);

