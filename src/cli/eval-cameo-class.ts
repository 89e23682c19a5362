import { codeDoc } from '../pipeline.js';
import { defaultVerbs } from '../events/defaults.js';
import { readClassTsv, scoreCameoClass } from '../eval/cameo-class.js';
import { pct, num, table } from '../eval/metrics.js';
import { EXIT_OK, EXIT_USAGE, parseCli, reportError, say } from './io.js';

export async function runEvalCameoClass(argv: string[]): Promise<number> {
  const a = parseCli(argv, { date: { type: 'string', default: '2018-01-01' } }, 'usage: dyad eval cameo-class FILE.tsv [--date YYYY-MM-DD]\n');
  if (typeof a === 'number') return a;
  const file = a.positionals[0];
  if (!file) {
    say('E_USAGE: usage: dyad eval cameo-class FILE.tsv [--date YYYY-MM-DD]');
    return EXIT_USAGE;
  }
  try {
    const t0 = performance.now();
    const rows = readClassTsv(file);
    const date = a.values.date as string;
    const res = scoreCameoClass(rows, (text) => {
      const doc = codeDoc(text, { date, partial: true, id: 'cc' });
      return { events: doc.events, doc };
    }, defaultVerbs());
    const lines = (name: string, s: typeof res.dyad) => [name, pct(s.accuracy), num(s.macroF1), ...s.perLabel.map((l) => num(l.f1))];
    const labels = res.dyad.perLabel.map((l) => `F1 ${l.label}`);
    console.log(table(['5-way classes', 'accuracy', 'macro-F1', ...labels], [
      lines('lexical baseline', res.baseline),
      lines('dyad (NONE when uncoded)', res.dyad),
      lines('dyad + baseline fallback', res.dyadFallback),
    ]));
    console.log();
    console.log(table(['quad class', 'accuracy', 'macro-F1'], [
      ['lexical baseline', pct(res.baselineQuad.accuracy), num(res.baselineQuad.macroF1)],
      ['dyad + baseline fallback', pct(res.dyadQuad.accuracy), num(res.dyadQuad.macroF1)],
    ]));
    const ms = performance.now() - t0;
    console.log(`\nlabels are inferred (0 statements/appeals, 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict); root-level gold is not in this set`);
    console.log(`cameo-class: dyad accuracy ${pct(res.dyadFallback.accuracy)} (macro-F1 ${num(res.dyadFallback.macroF1)}) vs lexical baseline ${pct(res.baseline.accuracy)} (${num(res.baseline.macroF1)}); quad-class ${pct(res.dyadQuad.accuracy)} vs ${pct(res.baselineQuad.accuracy)}; dyad coded ${res.coded}/${rows.length} sentences; ${(ms / 1000).toFixed(2)} s`);
    return EXIT_OK;
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
}
