import '../core/v8-heap.js'; // first: V8 heap tuning before any data is allocated (see the file)
import { runCode } from './code.js';
import { EXIT_OK, EXIT_USAGE, reportError, say } from './io.js';

const HELP = `dyad — political event coder: news text in, who-did-what-to-whom events out.

usage: dyad <command> [options]
  code FILE...       code articles into CAMEO/PLOVER events (JSONL on stdout)
  eval SET FILE      score dyad against a gold set (petrarch, plover, cameo-class, geo)
  ingest PATH...     code files/folders/JSONL/web pages into the event store (dyad.db), resumable; --queue enqueues
  watch FEEDS.txt    poll news feeds, extract new articles and code them into the store (--once: one pass)
  worker             code queued documents into the store (Redis + PostgreSQL, on many machines)
  queue status       counts and dead letters of the Redis queue (also: queue retry-dead)
  export             write stored events as jsonl, csv, gdelt, icews, phoenix or polecat
  system             sides, alliances and proxy relations inferred from the stored events
  serve              web dashboard and JSON API over the store (http://127.0.0.1:8642)
  bench              speed: sentences/s against the tokenise+POS floor, memory, cold start
  dict import PATH   convert PETRARCH/TABARI dictionaries into a dyad bundle (--out FILE)
  actors lookup NAME how a name resolves on a date (--date, --dict): entry, code, intervals
  help               this text

Run 'dyad <command> --help' for a command's options. Docs: docs/cli.md, docs/schema.md.
`;

type Command = (argv: string[]) => Promise<number>;

// Commands load lazily so `dyad code` stays fast to start. One line per command.
const COMMANDS: Record<string, () => Promise<Command>> = {
  code: async () => runCode,
  eval: async () => (await import('./eval.js')).runEval,
  ingest: async () => (await import('./ingest.js')).runIngest,
  watch: async () => (await import('./watch.js')).runWatch,
  worker: async () => (await import('./worker.js')).runWorker,
  queue: async () => (await import('./queue.js')).runQueue,
  export: async () => (await import('./export.js')).runExport,
  serve: async () => (await import('./serve.js')).runServe,
  system: async () => (await import('./system.js')).runSystem,
  bench: async () => (await import('./bench.js')).runBench,
  dict: async () => (await import('./dict.js')).runDict,
  actors: async () => (await import('./actors.js')).runActors,
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(HELP);
    return cmd ? EXIT_OK : EXIT_USAGE;
  }
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write('dyad 0.1.0\n');
    return EXIT_OK;
  }
  const load = COMMANDS[cmd];
  if (!load) {
    say(`E_USAGE: unknown command '${cmd}'`);
    process.stderr.write(HELP);
    return EXIT_USAGE;
  }
  try {
    return await (await load())(rest);
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
}
