import { parseArgs } from 'node:util';
import { DyadError } from '../core/errors.js';
import { runBenchmark } from '../bench/run.js';
import { formatReport } from '../bench/report.js';
import { EXIT_OK, EXIT_USAGE, out, say } from './io.js';

export const BENCH_HELP = `usage: dyad bench [options]
Measure dyad's speed on a corpus of the bundled examples plus the sentences of ../shared/eval/ (when
present), repeated to at least 200,000 sentences: tokenise+POS floor and dyad end-to-end side by side,
stage shares, peak RSS, cold start of 'dyad code', cost vs input size. See docs/performance.md.
  --docs N        code only N documents (a quick run; figures are indicative)
  --workers K     also time a worker-thread pool of 1..K threads and report the speed-up
  --shared DIR    evaluation folder to read sentences from (default: ../shared/eval)
`;

function positiveInt(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new DyadError('E_USAGE', `${flag} needs a whole number ≥ 1, got '${String(v)}'`);
  return n;
}

export async function runBench(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        docs: { type: 'string' },
        workers: { type: 'string' },
        shared: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    say(`E_USAGE: ${(e as Error).message}`);
    process.stderr.write(BENCH_HELP);
    return EXIT_USAGE;
  }
  const o = args.values;
  if (o.help) {
    process.stdout.write(BENCH_HELP);
    return EXIT_OK;
  }
  const docs = positiveInt(o.docs, '--docs');
  const workers = positiveInt(o.workers, '--workers');
  const result = await runBenchmark({ docs, workers, sharedEval: o.shared as string | undefined, note: (m) => say(`bench: ${m}`) });
  await out(formatReport(result));
  return EXIT_OK;
}
