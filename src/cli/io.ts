import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DyadError } from '../core/errors.js';
import { parseIsoDate, todayIso } from '../core/dates.js';

/** CLI exit codes: 0 ok, 1 some inputs failed (others were processed), 2 usage or fatal input error. */
export const EXIT_OK = 0;
export const EXIT_PARTIAL = 1;
export const EXIT_USAGE = 2;

export function say(msg: string): void {
  process.stderr.write(`dyad: ${msg}\n`);
}

/** Print a user error as one line (no stack); unexpected errors get their stack only with DYAD_DEBUG. */
export function reportError(e: unknown): void {
  if (e instanceof DyadError) say(e.toLine());
  else {
    const err = e as Error;
    say(`E_INTERNAL: ${err?.message ?? String(e)}`);
    if (process.env.DYAD_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  }
}

// A reader that goes away (`dyad code … | head`) is not an error: stop quietly, as Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

/** Write to stdout respecting back-pressure; resolves when flushed. */
export function out(s: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

type ArgOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse a command's arguments the same way everywhere: `-h/--help` prints the help and exits 0; an unknown
 * option or a bad value prints `E_USAGE` and the help, exit 2. Returns the parsed arguments or an exit code.
 */
export interface ParsedCli {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export function parseCli(argv: string[], options: ArgOptions, help: string, allowPositionals = true): ParsedCli | number {
  try {
    const r = parseArgs({ args: argv, allowPositionals, options: { ...options, help: { type: 'boolean', short: 'h', default: false } } }) as ParsedCli;
    if (r.values.help) {
      process.stdout.write(help);
      return EXIT_OK;
    }
    return r;
  } catch (e) {
    say(`E_USAGE: ${(e as Error).message}`);
    process.stderr.write(help);
    return EXIT_USAGE;
  }
}

/**
 * The publication date option shared by the coding commands: a valid --date, or today (said on stderr,
 * `whose` naming what it applies to). Returns an exit code on an invalid date.
 */
export function publicationDate(value: unknown, whose = 'the publication date'): string | number {
  try {
    const date = value ? parseIsoDate(value as string, '--date') : todayIso();
    if (!value) say(`no --date given; using today (${date}) as ${whose}`);
    return date;
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
}
