import { parseArgs } from 'node:util';
import { parseIsoDate, todayIso } from '../core/dates.js';
import { defaultActors } from '../actors/defaults.js';
import { lookupName, formatLookup } from '../actors/lookup.js';
import { loadDictBundle, type DictMode } from '../dict/load.js';
import { codeDoc } from '../pipeline.js';
import { EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, reportError, say } from './io.js';

export const ACTORS_HELP = `usage: dyad actors lookup "NAME" [--date YYYY-MM-DD] [--dict PATH] [--dict-mode replace|add] [--json]
Show how a name resolves on a date: the dictionary entries it names, the code used on that date with the
interval it comes from, and the entry's other intervals. A name no entry has exactly ("the Turkish defence
minister", "Libya's UN-backed government") is resolved as text, the way dyad code would.
  --date YYYY-MM-DD   the event date (default: today)
  --dict PATH         a bundle from 'dyad dict import', or PETRARCH dictionary files/folders
  --dict-mode MODE    replace (default) or add: the bundle instead of, or on top of, dyad's defaults
  --json              machine-readable output
Exit code 1 when the name resolves to nothing.
`;

export async function runActors(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(ACTORS_HELP);
    return sub ? EXIT_OK : EXIT_USAGE;
  }
  if (sub !== 'lookup') {
    say(`E_USAGE: unknown 'actors' subcommand '${sub}' (lookup)`);
    process.stderr.write(ACTORS_HELP);
    return EXIT_USAGE;
  }
  let args;
  try {
    args = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        date: { type: 'string' }, dict: { type: 'string', multiple: true }, 'dict-mode': { type: 'string', default: 'replace' },
        json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    say(`E_USAGE: ${(e as Error).message}`);
    return EXIT_USAGE;
  }
  const o = args.values;
  if (o.help) { process.stdout.write(ACTORS_HELP); return EXIT_OK; }
  const name = args.positionals.join(' ').trim();
  if (!name) { say('E_USAGE: actors lookup needs a NAME'); return EXIT_USAGE; }
  try {
    const date = o.date ? parseIsoDate(o.date as string, '--date') : todayIso();
    const loaded = o.dict ? loadDictBundle(o.dict as string[], { mode: o['dict-mode'] as DictMode }) : null;
    const dict = loaded ? loaded.actors : defaultActors();
    const found = lookupName(dict, name, date);
    const doc = codeDoc(name, { date, actors: dict, verbs: loaded?.verbs, nouns: loaded?.nouns });
    const mentions = doc.mentions.filter((m) => m.kind !== 'pronoun');
    if (o.json) {
      process.stdout.write(JSON.stringify({
        name, date,
        entries: found.map((r) => ({ id: r.entry.id, kind: r.entry.kind, label: r.entry.label, origin: r.entry.origin, as: r.role, imported: r.layer > 0, used: r.used, codes: r.entry.codes })),
        asText: mentions.map((m) => ({ text: m.text, code: m.code, kind: m.kind, name: m.name, entries: m.entries })),
      }, null, 2) + '\n');
    } else {
      const lines: string[] = [`"${name}" on ${date}:`];
      for (const r of found) lines.push(...formatLookup(r, date).map((l) => '  ' + l));
      if (!found.length) lines.push('  no dictionary entry has exactly this name');
      for (const m of mentions) {
        lines.push(`  as text: "${m.text}" → ${m.code ?? 'null (unresolved)'} (${m.kind}${m.name ? `, ${m.name}` : ''})`);
        for (const e of m.entries) lines.push(`    ${e}`);
      }
      if (!mentions.length && !found.length) lines.push('  as text: no actor');
      process.stdout.write(lines.join('\n') + '\n');
    }
    return found.some((r) => r.used) || mentions.some((m) => m.code) ? EXIT_OK : EXIT_PARTIAL;
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
}
