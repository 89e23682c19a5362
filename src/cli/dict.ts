import { parseArgs } from 'node:util';
import { importDictionaries, writeBundle } from '../dict/bundle.js';
import { EXIT_OK, EXIT_USAGE, reportError, say } from './io.js';

export const DICT_HELP = `usage: dyad dict import DIR|FILE... --out FILE
Convert PETRARCH/TABARI dictionaries (actors, agents, verbs in PETRARCH-1 or PETRARCH-2 syntax, discards)
into one dyad dictionary bundle (JSON, docs/dictionaries.md). Folders are read file by file; the type of
each file comes from its name (*actors*, *agents*, *verbs*/CAMEO*, *discards*), else from its content.
Use the bundle with 'dyad code --dict FILE [--dict-mode replace|add]' or 'dyad actors lookup --dict FILE'.
  --out FILE     where to write the bundle (required)
  --quiet        no per-file summary on stderr
Syntax errors stop the import with E_DICT_SYNTAX and the file:line; data problems (bad dates, agents
without codes, patterns dyad cannot express) are counted and listed as warnings in the bundle.
`;

export async function runDict(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(DICT_HELP);
    return sub ? EXIT_OK : EXIT_USAGE;
  }
  if (sub !== 'import') {
    say(`E_USAGE: unknown 'dict' subcommand '${sub}' (import)`);
    process.stderr.write(DICT_HELP);
    return EXIT_USAGE;
  }
  let args;
  try {
    args = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: 'string' }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (e) {
    say(`E_USAGE: ${(e as Error).message}`);
    return EXIT_USAGE;
  }
  if (args.values.help) { process.stdout.write(DICT_HELP); return EXIT_OK; }
  const out = args.values.out as string | undefined;
  if (!out || !args.positionals.length) {
    say('E_USAGE: dict import needs dictionary files or folders and --out FILE');
    process.stderr.write(DICT_HELP);
    return EXIT_USAGE;
  }
  try {
    const t0 = Date.now();
    const b = importDictionaries(args.positionals);
    writeBundle(b, out);
    if (!args.values.quiet) {
      for (const s of b.sources) say(`${s.type.padEnd(8)} ${s.file}: ${summary(s.counts)}`);
      say(`wrote ${out}: ${b.actors.length} actors, ${b.agents.length} agent phrases, ${b.discards.length} discards, ${b.verbs ? b.verbs.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('&')).length : 0} verb pattern lines, ${b.warnings.length} warnings (${Date.now() - t0} ms)`);
    }
    return EXIT_OK;
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
}

function summary(c: Record<string, unknown>): string {
  return Object.entries(c).map(([k, v]) => (typeof v === 'object' && v ? `${k} {${Object.entries(v).map(([a, b]) => `${a}: ${b}`).join(', ')}}` : `${k} ${v}`)).join(', ');
}
