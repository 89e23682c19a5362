import { code } from '../pipeline.js';
import { readPloverGold, scorePlover } from '../eval/plover.js';
import { pct, num, table } from '../eval/metrics.js';
import { EXIT_OK, EXIT_USAGE, parseCli, reportError, say } from './io.js';

export async function runEvalPlover(argv: string[]): Promise<number> {
  const a = parseCli(argv, { date: { type: 'string', default: '2000-01-01' }, errors: { type: 'boolean', default: false } }, 'usage: dyad eval plover FILE.jsonl [--date YYYY-MM-DD] [--errors]\n');
  if (typeof a === 'number') return a;
  const file = a.positionals[0];
  if (!file) {
    say('E_USAGE: usage: dyad eval plover FILE.jsonl [--date YYYY-MM-DD] [--errors]');
    return EXIT_USAGE;
  }
  try {
    const t0 = performance.now();
    const records = readPloverGold(file);
    const date = a.values.date as string;
    // PLOVER codes events whose target is implicit, so unresolved targets count (--partial)
    const res = scorePlover(records, (text) => code(text, { date, partial: true, id: 'plover' }));
    const s = res.scores;
    console.log(table(['type', 'gold', 'pred', 'P', 'R', 'F1'], s.perLabel.map((l) => [l.label, l.support, l.predicted, num(l.precision), num(l.recall), num(l.f1)])));
    if (a.values.errors) for (const r of res.rows) if (r.gold !== r.pred) console.log(`  ${r.id}: gold ${r.gold}, dyad ${r.pred}: ${r.text.slice(0, 120)}`);
    const ms = performance.now() - t0;
    console.log(`\nrecords ${s.n}; coded ${res.covered} (${pct(res.covered / s.n)}); source agreement ${pct(res.covered ? res.sourceAgree / res.covered : 0)} of coded; target agreement ${pct(res.targetGold ? res.targetAgree / res.targetGold : 0)} of coded with a gold target`);
    console.log(`plover: accuracy ${pct(s.accuracy)}, macro-F1 ${num(s.macroF1)} over ${s.perLabel.length} types, ${s.n} records, ${(ms / 1000).toFixed(2)} s`);
    return EXIT_OK;
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
}
