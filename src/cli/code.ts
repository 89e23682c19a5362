import { DyadError } from '../core/errors.js';
import type { Event } from '../core/event.js';
import type { Doc } from '../core/doc.js';
import { codeDoc, type CodeOptions } from '../pipeline.js';
import { batchFull, codeDocs } from '../batch.js';
import { eventWindows, WINDOW_CHARS } from '../windows.js';
import type { InputDoc } from './inputs.js';
import { CSV_COLUMNS, eventToCsv } from '../output/csv.js';
import { streamInputs } from './stream-inputs.js';
import { HTML_FILE } from './inputs.js';
import { EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, out, reportError, say, parseCli, publicationDate } from './io.js';
import type { LoadedDict, DictMode } from '../dict/load.js';
import { unknownActors } from '../actors/unknown.js';

export const CODE_HELP = `usage: dyad code [FILE|-]... [options]
Code news articles into events. FILE is a text file (one article), an .html file (its text is coded), a
.jsonl file with one {"id","date","text","url","source"} object per line (read as a stream, so any size
works), or an http(s) URL (the page's article text is extracted, its date read from the page's metadata);
"-" or no FILE reads stdin.
  --date YYYY-MM-DD   publication date (default: today, said on stderr); a JSONL "date" wins
  --format FMT        jsonl (default), json or csv
  --id ID             document id (one input only; default: the file name)
  --explain           add the pattern, grammar rules and dictionary entries behind each event
  --partial           also print events whose source or target is unresolved
  --negated           also print negated events ("did not attack"), flagged negated: true
  --html              the inputs are HTML (automatic for .html/.htm files): code the page's text, and give
                      evidence.source_start/source_end in the HTML as well
  --dict PATH         dictionaries: a bundle from 'dyad dict import', or PETRARCH files/folders (repeatable)
  --dict-mode MODE    replace (default: the bundle's parts instead of dyad's) or add (on top of dyad's)
  --unknown-actors    after coding, list named actors no dictionary knows on stderr ("name<TAB>count")
`;

export async function runCode(argv: string[]): Promise<number> {
  const args = parseCli(argv, {
        date: { type: 'string' },
        format: { type: 'string', default: 'jsonl' },
        id: { type: 'string' },
        explain: { type: 'boolean', default: false },
        partial: { type: 'boolean', default: false },
        negated: { type: 'boolean', default: false },
        html: { type: 'boolean', default: false },
        dict: { type: 'string', multiple: true },
        'dict-mode': { type: 'string', default: 'replace' },
        'unknown-actors': { type: 'boolean', default: false },
  }, CODE_HELP);
  if (typeof args === 'number') return args;
  const o = args.values;
  const format = o.format as string;
  if (!['jsonl', 'json', 'csv'].includes(format)) {
    say(`E_FORMAT: unknown --format '${format}' (jsonl, json or csv)`);
    return EXIT_USAGE;
  }
  const date = publicationDate(o.date, 'the publication date');
  if (typeof date === 'number') return date;
  const files = args.positionals.length ? args.positionals : ['-'];
  if (o.id && files.length > 1) {
    say('E_USAGE: --id needs exactly one input');
    return EXIT_USAGE;
  }
  let dict: LoadedDict | null = null;
  try {
    if (o.dict) dict = (await import('../dict/load.js')).loadDictBundle(o.dict as string[], { mode: o['dict-mode'] as DictMode });
  } catch (e) {
    reportError(e);
    return EXIT_USAGE;
  }
  const unknown = new Map<string, number>();
  let failed = 0;
  const onError = (e: DyadError) => { failed++; reportError(e); };
  const json = jsonArrayWriter();
  if (format === 'csv') await out(CSV_COLUMNS.join(',') + '\n');
  const write = async (events: readonly Event[]) => {
    if (format === 'json') { for (const ev of events) await json.add(ev); }
    else if (format === 'csv') { for (const ev of events) await out(eventToCsv(ev) + '\n'); }
    else { for (const ev of events) await out(JSON.stringify(ev) + '\n'); }
  };
  const seen = (doc: Doc) => {
    if (o['unknown-actors']) for (const n of unknownActors(doc)) unknown.set(n, (unknown.get(n) ?? 0) + 1);
  };
  const inputError = (e: unknown, d: InputDoc) => {
    failed++;
    if (e instanceof DyadError) reportError(new DyadError(e.code, e.message, e.where ?? d.where));
    else reportError(e);
  };
  const shared: CodeOptions = {
    explain: o.explain as boolean, partial: o.partial as boolean, negated: o.negated as boolean,
    actors: dict?.actors, verbs: dict?.verbs, nouns: dict?.nouns,
  };
  const codeOpts = (d: InputDoc, f: string): CodeOptions => ({
    ...shared, date: d.date ?? date, id: (o.id as string | undefined) ?? d.id, source: d.source, url: d.url,
    html: !d.meta && ((o.html as boolean) || !!d.html || (f !== '-' && HTML_FILE.test(f))),
  });
  // the articles of a JSONL file are coded stage-major, a batch (batchFull) at a time (codeDocs: the same events as one
  // at a time, for about a quarter less CPU; a failing article fails alone), and written in input order; HTML
  // and texts longer than one window take the one-at-a-time path below
  let pending: { d: InputDoc; opts: CodeOptions }[] = [];
  let pendingChars = 0;
  const flush = async () => {
    if (!pending.length) return;
    const todo = pending;
    pending = [];
    pendingChars = 0;
    const docs = codeDocs(todo.map(({ d, opts }) => ({ text: d.text, date: opts.date, id: opts.id, source: opts.source, url: opts.url })), shared);
    for (let i = 0; i < todo.length; i++) {
      const doc = docs[i];
      if (doc instanceof Error) { inputError(doc, todo[i].d); continue; }
      seen(doc);
      await write(doc.events);
    }
  };
  for (const f of files) {
    try {
      for await (const d of streamInputs(f, onError)) {
        const opts = codeOpts(d, f);
        if (!opts.html && d.text.length <= WINDOW_CHARS) {
          pendingChars += d.text.length;
          if (batchFull(pending.push({ d, opts }), pendingChars)) await flush();
          continue;
        }
        await flush();
        try {
          // a text over 250,000 characters is coded in windows (src/windows.ts), each written out as it is
          // coded: bounded memory and time
          for (const events of eventWindows(d.text, opts, codeDoc, seen)) await write(events);
        } catch (e) {
          inputError(e, d);
        }
      }
      await flush();
    } catch (e) {
      await flush();
      failed++;
      reportError(e);
    }
  }
  if (format === 'json') await json.end();
  if (o['unknown-actors']) reportUnknown(unknown);
  if (failed) say(`${failed} input(s) failed; the others were coded`);
  return failed ? EXIT_PARTIAL : EXIT_OK;
}

/** `--unknown-actors`: a header, then "name<TAB>count" lines on stderr, most frequent first */
function reportUnknown(unknown: Map<string, number>): void {
  const rows = [...unknown].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  say(`unknown actors: ${rows.length} name(s) with no dictionary entry (name<TAB>count); add them with a dictionary`);
  for (const [n, c] of rows) process.stderr.write(`${n}\t${c}\n`);
}

/**
 * `--format json` without holding every event: writes exactly what JSON.stringify(all, null, 2) would
 * ("[]" when empty), one event at a time.
 */
function jsonArrayWriter(): { add(ev: Event): Promise<void>; end(): Promise<void> } {
  let n = 0;
  return {
    add(ev: Event) {
      const body = JSON.stringify(ev, null, 2).replace(/\n/g, '\n  ');
      return out(`${n++ === 0 ? '[\n' : ',\n'}  ${body}`);
    },
    end() {
      return out(n === 0 ? '[]\n' : '\n]\n');
    },
  };
}

