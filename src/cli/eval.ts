import { EXIT_USAGE, say } from './io.js';

/** `dyad eval SET ...`: one sub-command per gold set; each handler lives in its own file. */
type Handler = (argv: string[]) => Promise<number>;

const SETS: Record<string, () => Promise<Handler>> = {
  petrarch: async () => (await import('./eval-petrarch.js')).runEvalPetrarch,
  plover: async () => (await import('./eval-plover.js')).runEvalPlover,
  'cameo-class': async () => (await import('./eval-cameo-class.js')).runEvalCameoClass,
  geo: async () => (await import('./eval-geo.js')).runEvalGeo,
};

export const EVAL_HELP = `usage: dyad eval <set> FILE [options]
sets: ${'$SETS'}
`;

export async function runEval(argv: string[]): Promise<number> {
  const [set, ...rest] = argv;
  const help = EVAL_HELP.replace('$SETS', Object.keys(SETS).join(', '));
  if (!set || set === '--help' || set === '-h') {
    process.stdout.write(help);
    return set ? 0 : EXIT_USAGE;
  }
  const load = SETS[set];
  if (!load) {
    say(`E_USAGE: unknown eval set '${set}'`);
    process.stderr.write(help);
    return EXIT_USAGE;
  }
  return (await load())(rest);
}
