import path from 'node:path';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { PACKAGE_ROOT } from '../core/paths.js';
import { parseIsoDate } from '../core/dates.js';

/** One benchmark document: an article (or a single sentence) with its publication date. */
export interface BenchDoc {
  text: string;
  date: string;
}

export interface CorpusSource {
  name: string;
  docs: number;
}

/** The distinct documents of the bench corpus; the bench repeats them to reach its size. */
export interface Corpus {
  docs: BenchDoc[];
  sources: CorpusSource[];
}

/** default publication dates for texts that carry none */
const EXAMPLES_DATE = '2024-03-16';
const UNDATED = '2020-01-01';

export const DEFAULT_SHARED_EVAL = path.resolve(PACKAGE_ROOT, '..', 'shared', 'eval');

/** "19950101" or "1995-01-01" → "1995-01-01"; anything else → the fallback */
function isoOr(date: unknown, fallback: string): string {
  if (typeof date !== 'string') return fallback;
  const d = /^\d{8}$/.test(date) ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}` : date;
  try {
    return parseIsoDate(d);
  } catch {
    return fallback;
  }
}

const usable = (t: unknown): t is string => typeof t === 'string' && t.trim().length > 0 && !t.includes('\u0000');

/** every *.jsonl file under dir (two levels deep), sorted, for its records' `text` fields */
function jsonlFiles(dir: string, depth = 2): string[] {
  if (!existsSync(dir) || depth < 0) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...jsonlFiles(p, depth - 1));
    else if (name.endsWith('.jsonl')) out.push(p);
  }
  return out;
}

function readJsonl(file: string): BenchDoc[] {
  const docs: BenchDoc[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let rec: { text?: unknown; date?: unknown };
    try {
      rec = JSON.parse(line) as { text?: unknown; date?: unknown };
    } catch {
      continue; // a broken line in an evaluation file is not the bench's business
    }
    if (usable(rec.text)) docs.push({ text: rec.text, date: isoOr(rec.date, UNDATED) });
  }
  return docs;
}

/**
 * The distinct bench documents: the bundled examples, then the `text` of every JSONL record under
 * ../shared/eval (PETRARCH unit tests, PLOVER dev, ...) and the ConfliBERT classification sentences.
 * The ConfliBERT files are GPL: they are read here at bench time and never copied into the repository.
 */
export function loadCorpus(sharedEval: string = DEFAULT_SHARED_EVAL, root: string = PACKAGE_ROOT): Corpus {
  const docs: BenchDoc[] = [];
  const sources: CorpusSource[] = [];
  const add = (name: string, list: BenchDoc[]) => {
    if (!list.length) return;
    docs.push(...list);
    sources.push({ name, docs: list.length });
  };
  const ex = path.join(root, 'examples');
  if (existsSync(ex)) {
    const files = readdirSync(ex).filter((f) => f.endsWith('.txt')).sort();
    add('examples', files.map((f) => readFileSync(path.join(ex, f), 'utf8')).filter(usable).map((text) => ({ text, date: EXAMPLES_DATE })));
  }
  for (const f of jsonlFiles(sharedEval)) add(path.relative(sharedEval, f), readJsonl(f));
  const conf = path.join(sharedEval, 'conflibert', 'cameo_class', 'train.tsv');
  if (existsSync(conf)) {
    const list = readFileSync(conf, 'utf8').split('\n').map((l) => l.split('\t')[0]).filter(usable);
    add(path.relative(sharedEval, conf), list.map((text) => ({ text, date: UNDATED })));
  }
  return { docs, sources };
}

/** The first n documents of the corpus repeated end to end (n may exceed the corpus size). */
export function cycle(docs: readonly BenchDoc[], n: number): BenchDoc[] {
  const out: BenchDoc[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = docs[i % docs.length];
  return out;
}

/**
 * Longer documents from the same text: every `k` consecutive documents joined into one (paragraphs), for the
 * per-document-length scaling table. The total amount of text stays the same.
 */
export function joinDocs(docs: readonly BenchDoc[], k: number): BenchDoc[] {
  if (k <= 1) return docs.slice();
  const out: BenchDoc[] = [];
  for (let i = 0; i < docs.length; i += k) {
    const part = docs.slice(i, i + k);
    out.push({ text: part.map((d) => d.text.trim()).join('\n\n'), date: part[0].date });
  }
  return out;
}
