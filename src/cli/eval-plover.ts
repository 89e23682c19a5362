import { code } from '../pipeline.js';
import { eventText, goldActorText, readPloverGold, scorePlover, slicePart } from '../eval/plover.js';
import { pct, num, table } from '../eval/metrics.js';
import { EXIT_OK, EXIT_USAGE, parseCli, reportError, say } from './io.js';

const USAGE = 'usage: dyad eval plover FILE.jsonl [--date YYYY-MM-DD] [--errors] [--part K/N]';

export async function runEvalPlover(argv: string[]): Promise<number> {
  const a = parseCli(argv, { date: { type: 'string', default: '2000-01-01' }, errors: { type: 'boolean', default: false }, part: { type: 'string' } }, USAGE + '\n');
  if (typeof a === 'number') return a;
  const file = a.positionals[0];
  if (!file) {
    say(`E_USAGE: ${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const t0 = performance.now();
    let records = readPloverGold(file);
    const part = a.values.part as string | undefined;
    if (part !== undefined) {
      const m = /^(\d+)\/(\d+)$/.exec(part);
      if (!m || +m[1] < 1 || +m[1] > +m[2]) {
        say(`E_USAGE: --part takes K/N with 1 <= K <= N (e.g. 1/2); ${USAGE}`);
        return EXIT_USAGE;
      }
      records = slicePart(records, +m[1], +m[2]);
    }
    const date = a.values.date as string;
    // PLOVER codes events whose target is implicit, so unresolved targets count (--partial)
    const res = scorePlover(records, (text) => code(text, { date, partial: true, id: 'plover' }));
    const s = res.scores;
    console.log(table(['type', 'gold', 'pred', 'P', 'R', 'F1'], s.perLabel.map((l) => [l.label, l.support, l.predicted, num(l.precision), num(l.recall), num(l.f1)])));
    if (a.values.errors) {
      // the misses (wrong or no type), then right types whose actors disagree with the gold
      console.log('\nerrors (gold type/actors vs dyad; * marks the event chosen):');
      for (const r of res.rows) {
        const actorMiss = r.gold === r.pred && (!r.sourceOk || r.targetOk === false);
        if (r.gold === r.pred && !actorMiss) continue;
        const tag = r.gold === r.pred ? 'actors' : 'type';
        console.log(`\n${r.id} [${tag}] gold ${r.gold} ${goldActorText(r.goldSource)} -> ${goldActorText(r.goldTarget)}; dyad ${r.pred}${r.best ? ` (source ${r.sourceOk ? 'ok' : 'wrong'}, target ${r.targetOk === null ? 'n/a' : r.targetOk ? 'ok' : 'wrong'})` : ''}`);
        for (const e of r.events) console.log(`  ${e === r.best ? '*' : ' '} ${eventText(e)}  "${e.evidence.text}"`);
        console.log(`  ${r.text}`);
      }
    }
    const ms = performance.now() - t0;
    console.log(`\nrecords ${s.n}; coded ${res.covered} (${pct(res.covered / s.n)}); source agreement ${pct(res.covered ? res.sourceAgree / res.covered : 0)} of coded; target agreement ${pct(res.targetGold ? res.targetAgree / res.targetGold : 0)} of coded with a gold target`);
    console.log(`plover: accuracy ${pct(s.accuracy)}, macro-F1 ${num(s.macroF1)} over ${s.perLabel.length} types, ${s.n} records, ${(ms / 1000).toFixed(2)} s`);
    return EXIT_OK;
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
}
