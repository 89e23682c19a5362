// A regression guard for optimisations (issue #8): codes the bench corpus (examples + ../shared/eval sentences),
// the same documents joined 16 at a time, and every case-table sentence, and writes one canonical JSON line per
// document with all its layers (tokens, sentences, chunks, verbs, clauses, mentions, quotes, places, events with
// --explain, discarded sentences, notes). Compare two runs with `cmp`:
//   node dist/scripts/golden.js /tmp/golden-before.jsonl ... node dist/scripts/golden.js /tmp/golden-after.jsonl
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { codeDocs, codeDoc, type Doc } from '../src/index.js';
import { loadCorpus, joinDocs, DEFAULT_SHARED_EVAL } from '../src/bench/corpus.js';
import { ROOT, caseFiles, readCaseTable } from '../test/helpers.js';

const out = process.argv[2] ?? 'golden.jsonl';
const shared = process.argv[3] ?? DEFAULT_SHARED_EVAL;
const w = createWriteStream(out);

function canonical(d: Doc | Error): string {
  if (d instanceof Error) return JSON.stringify({ error: d.message });
  return JSON.stringify({
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
w.end(() => console.error(`golden: ${n} documents written to ${out}`));
