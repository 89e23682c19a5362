import path from 'node:path';
import { buildPipeline, makeDoc } from '../pipeline.js';
import { loadDictBundle } from '../dict/load.js';
import { readPetrRecords, scoreRecord, summarize, type RecordResult } from '../eval/petrarch.js';
import { pct, num, table } from '../eval/metrics.js';
import { EXIT_OK, EXIT_USAGE, parseCli, reportError, say } from './io.js';

export async function runEvalPetrarch(argv: string[]): Promise<number> {
  const a = parseCli(argv, { dict: { type: 'string', multiple: true }, errors: { type: 'boolean', default: false }, grammar: { type: 'string', default: 'literal' } }, 'usage: dyad eval petrarch RECORDS.xml|.jsonl [--dict DIR|FILE ...] [--grammar literal|dyad] [--errors]\n');
  if (typeof a === 'number') return a;
  const file = a.positionals[0];
  if (!file) {
    say('E_USAGE: usage: dyad eval petrarch RECORDS.xml|.jsonl [--dict DIR|FILE ...] [--grammar literal|dyad] [--errors]');
    return EXIT_USAGE;
  }
  try {
    const t0 = performance.now();
    const records = readPetrRecords(file);
    // default: the validation dictionaries beside the records (PETR.Validate.*)
    const dictPaths = (a.values.dict as string[] | undefined) ?? defaultDicts(file);
    const dict = loadDictBundle(dictPaths, { mode: 'replace' });
    const t1 = performance.now();
    const grammar = a.values.grammar === 'dyad' ? 'dyad' : 'literal';
    const opts = { partial: true, anyCode: true, grammar, actors: dict.actors, verbs: dict.verbs, nouns: dict.nouns } as const;
    const pipeline = buildPipeline(opts);
    const results: RecordResult[] = records.map((r) => scoreRecord(r, () => pipeline.run(makeDoc(r.text, { ...opts, date: r.date, id: r.id })).events));
    const ms = performance.now() - t1;
    const cats = [...new Set(records.map((r) => r.category))].sort();
    console.log(table(['category', 'records', 'exact', 'exact %'], cats.map((c) => {
      const rs = results.filter((r) => r.record.category === c);
      const ok = rs.filter((r) => r.pass).length;
      return [c, rs.length, ok, pct(ok / rs.length)];
    })));
    if (a.values.errors) {
      for (const r of results) if (!r.pass) {
        const fmt = (ts: { source: string; target: string; code: string }[]) => ts.map((t) => `${t.source} ${t.code} ${t.target}`).join('; ') || (r.record.noevents ? 'no events' : r.record.error ?? 'none');
        console.log(`  ${r.record.id}: want [${fmt(r.record.events)}] got [${fmt(r.got)}]${r.crashed ? ` CRASH ${r.crashed}` : ''}\n      ${r.record.text.slice(0, 140)}`);
      }
    }
    const s = summarize(results);
    console.log(`\ntriples: gold ${s.gold}, coded ${s.predicted}, matched ${s.tp}; precision ${num(s.precision)}, recall ${num(s.recall)}; dictionaries loaded in ${((t1 - t0) / 1000).toFixed(2)} s`);
    console.log(`petrarch: ${s.exact}/${s.n} records exactly right (${pct(s.exact / s.n)}), triple F1 ${num(s.f1)}, ${s.crashes} crashes, ${(s.n / (ms / 1000)).toFixed(0)} records/s`);
    return EXIT_OK;
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
}

function defaultDicts(records: string): string[] {
  const dir = path.dirname(records);
  return ['PETR.Validate.actors.txt', 'PETR.Validate.agents.txt', 'PETR.Validate.verbs.txt', 'PETR.Validate.discards.txt'].map((f) => path.join(dir, f));
}
