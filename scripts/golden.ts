// A regression guard for optimisations (issue #8): codes the bench corpus (examples + ../shared/eval sentences),
// the same documents joined 16 at a time, and every case-table sentence, and writes one canonical JSON line per
// document with all its layers (tokens, sentences, chunks, verbs, clauses, mentions, quotes, places, events with
// --explain, discarded sentences, notes); then the events (with --explain, partial and negated ones kept) of the
// PETRARCH validation records and the corpus under the PETRARCH validation dictionaries, in the literal and the
// dyad grammar. Object keys are written sorted and the checkout's path is written ROOT/, so two runs compare with
// `cmp` whatever the order in which stages set fields and wherever the tree is:
//   node dist/scripts/golden.js /tmp/golden-before.jsonl ... node dist/scripts/golden.js /tmp/golden-after.jsonl
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { codeDocs, codeDoc, type Doc } from '../src/index.js';
import { loadCorpus, joinDocs, DEFAULT_SHARED_EVAL } from '../src/bench/corpus.js';
import { ROOT, caseFiles, readCaseTable } from '../test/helpers.js';
import { buildPipeline, makeDoc } from '../src/pipeline.js';
import { loadDictBundle } from '../src/dict/load.js';
import { readPetrRecords } from '../src/eval/petrarch.js';
import { existsSync } from 'node:fs';

const out = process.argv[2] ?? 'golden.jsonl';
const shared = process.argv[3] ?? DEFAULT_SHARED_EVAL;
const w = createWriteStream(out);

/** a JSON value with every object's keys in sorted order (undefined fields left out, as JSON.stringify does) */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) o[k] = sorted(x);
    }
    return o;
  }
  return v;
}

/** JSON with sorted keys and the checkout's own path (in --explain's pattern sources) written ROOT/ */
const json = (v: unknown): string => JSON.stringify(sorted(JSON.parse(JSON.stringify(v)))).split(ROOT + path.sep).join('ROOT/');

function canonical(d: Doc | Error): string {
  if (d instanceof Error) return JSON.stringify({ error: d.message });
  return json({
    tokens: d.tokens.map((t) => [t.start, t.end, t.pos, t.lemma, t.lower, t.sent]),
    sentences: d.sentences,
    chunks: d.chunks,
    verbs: d.verbs,
    clauses: d.clauses,
    mentions: d.mentions,
    quotes: d.quotes,
    places: d.places,
    events: d.events,
    eventMeta: d.eventMeta,
    discarded: [...d.discarded],
    notes: d.notes,
  });
}

const corpus = loadCorpus(shared);
let n = 0;
const write = (label: string, d: Doc | Error) => {
  w.write(`${label}\t${canonical(d)}\n`);
  n++;
};
// batched (as the bench and dyad ingest code), with and without --explain
for (const explain of [false, true]) {
  codeDocs(corpus.docs, { explain }).forEach((d, i) => write(`corpus${explain ? '+explain' : ''}:${i}`, d));
}
// longer documents: document-level context (places, coreference) over many sentences
codeDocs(joinDocs(corpus.docs, 16), { explain: true }).forEach((d, i) => write(`joined16:${i}`, d));
// one at a time (as dyad code does), on the case tables
for (const f of caseFiles(path.join(ROOT, 'test', 'cases'))) {
  for (const r of readCaseTable(f)) {
    let d: Doc | Error;
    try {
      d = codeDoc(r.text, { date: r.date, id: 'case', explain: true });
    } catch (e) {
      d = e instanceof Error ? e : new Error(String(e));
    }
    write(`case:${path.basename(f)}:${r.line}`, d);
  }
}
// the events under the PETRARCH validation dictionaries, as `dyad eval petrarch` codes them (literal) and in dyad's grammar
const petrDir = path.join(shared, 'petrarch-validation');
if (existsSync(path.join(petrDir, 'PETR.Validate.verbs.txt'))) {
  const dict = loadDictBundle(['actors', 'agents', 'verbs', 'discards'].map((f) => path.join(petrDir, `PETR.Validate.${f}.txt`)), { mode: 'replace' });
  const texts = [...readPetrRecords(path.join(petrDir, 'PETR.UnitTest.records.jsonl')).map((r) => ({ text: r.text, date: r.date })), ...corpus.docs];
  for (const grammar of ['literal', 'dyad'] as const) {
    const opts = { partial: true, negated: true, anyCode: true, explain: true, grammar, actors: dict.actors, verbs: dict.verbs, nouns: dict.nouns };
    const p = buildPipeline(opts);
    texts.forEach((t, i) => {
      let line: string;
      try {
        line = json(p.run(makeDoc(t.text, { ...opts, date: t.date })).events);
      } catch (e) {
        line = JSON.stringify({ error: (e as Error).message });
      }
      w.write(`petrarch-${grammar}:${i}\t${line}\n`);
      n++;
    });
  }
}
w.end(() => console.error(`golden: ${n} documents written to ${out}`));
