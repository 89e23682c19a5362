import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DyadError } from '../core/errors.js';
import { decodeInput, checkText } from '../core/input.js';
import { parseIsoDate } from '../core/dates.js';
import type { DocumentMeta } from '../store/types.js';

/** One article to code, as read from a file, a JSONL line or stdin. */
export interface InputDoc {
  id: string;
  text: string;
  date: string | null;
  url: string | null;
  source: string | null;
  /** where it came from, for error messages: "file.jsonl:12" */
  where: string;
  /** the text is HTML (a .html/.htm file): code the text extracted from it */
  html?: boolean;
  /** web provenance of an article fetched from a URL (stored with the document) */
  meta?: DocumentMeta;
}

/** files whose text is HTML */
export const HTML_FILE = /\.x?html?$/i;

export function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch (e) {
    throw new DyadError('E_INPUT_READ', `cannot read stdin: ${(e as Error).message}`, '-');
  }
}

/** E_INPUT_NOT_FOUND / E_INPUT_IS_DIR unless `file` is something to read */
export function checkInputPath(file: string): void {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new DyadError('E_INPUT_NOT_FOUND', 'no such file', file);
  }
  if (st.isDirectory()) throw new DyadError('E_INPUT_IS_DIR', 'is a directory (give the files inside it)', file);
}

export function readInputFile(file: string): Buffer {
  checkInputPath(file);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new DyadError('E_INPUT_READ', (e as Error).message, file);
  }
}

/**
 * One JSONL line (1-based line number `n`) as an article, or null for a blank line. Throws E_INPUT_JSONL,
 * E_INPUT_EMPTY, E_INPUT_BINARY or E_DATE_INVALID for a bad line, with `file:n` as the place.
 */
export function parseJsonlLine(raw: string, n: number, file: string): InputDoc | null {
  const line = raw.trim();
  if (!line) return null;
  const where = `${file}:${n}`;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    throw new DyadError('E_INPUT_JSONL', `not JSON (${(e as Error).message})`, where);
  }
  if (!obj || typeof obj !== 'object' || typeof (obj as { text?: unknown }).text !== 'string') {
    throw new DyadError('E_INPUT_JSONL', 'each line needs an object with a "text" string', where);
  }
  const o = obj as Record<string, unknown>;
  checkText(o.text as string, where);
  const date = typeof o.date === 'string' && o.date ? parseIsoDate(o.date.slice(0, 10), `date of ${where}`) : null;
  return {
    id: typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : `${path.basename(file)}:${n}`,
    text: o.text as string,
    date,
    url: typeof o.url === 'string' ? o.url : null,
    source: typeof o.source === 'string' ? o.source : null,
    where,
  };
}

/**
 * Parse JSONL articles: {"id","date","text","url","source"} per line. A bad line is reported through
 * `onError` and skipped; the others still code.
 */
export function parseJsonl(text: string, file: string, onError: (e: DyadError) => void): InputDoc[] {
  const out: InputDoc[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    try {
      const d = parseJsonlLine(lines[i], i + 1, file);
      if (d) out.push(d);
    } catch (e) {
      if (e instanceof DyadError) onError(e);
      else throw e;
    }
  }
  return out;
}

/** Read one path (or "-" for stdin) into documents. Text files are one article each. */
export function loadInputs(file: string, onError: (e: DyadError) => void): InputDoc[] {
  const isStdin = file === '-';
  const buf = isStdin ? readStdin() : readInputFile(file);
  const text = decodeInput(buf, file);
  if (!isStdin && /\.jsonl$/i.test(file)) return parseJsonl(text, file, onError);
  checkText(text, file);
  const id = isStdin ? 'stdin' : path.basename(file).replace(/\.[^.]+$/, '');
  const doc: InputDoc = { id, text, date: null, url: null, source: null, where: file };
  if (!isStdin && HTML_FILE.test(file)) doc.html = true;
  return [doc];
}
