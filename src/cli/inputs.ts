import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DyadError } from '../core/errors.js';
import { decodeInput, checkText } from '../core/input.js';
import { parseIsoDate } from '../core/dates.js';

/** One article to code, as read from a file, a JSONL line or stdin. */
export interface InputDoc {
  id: string;
  text: string;
  date: string | null;
  url: string | null;
  source: string | null;
  /** where it came from, for error messages: "file.jsonl:12" */
  where: string;
}

export function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch (e) {
    throw new DyadError('E_INPUT_READ', `cannot read stdin: ${(e as Error).message}`, '-');
  }
}

export function readInputFile(file: string): Buffer {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new DyadError('E_INPUT_NOT_FOUND', 'no such file', file);
  }
  if (st.isDirectory()) throw new DyadError('E_INPUT_IS_DIR', 'is a directory (give the files inside it)', file);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new DyadError('E_INPUT_READ', (e as Error).message, file);
  }
}

/**
 * Parse JSONL articles: {"id","date","text","url","source"} per line. A bad line is reported through
 * `onError` and skipped; the others still code.
 */
export function parseJsonl(text: string, file: string, onError: (e: DyadError) => void): InputDoc[] {
  const out: InputDoc[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const where = `${file}:${i + 1}`;
    try {
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
      out.push({
        id: typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : `${path.basename(file)}:${i + 1}`,
        text: o.text as string,
        date,
        url: typeof o.url === 'string' ? o.url : null,
        source: typeof o.source === 'string' ? o.source : null,
        where,
      });
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
  return [{ id, text, date: null, url: null, source: null, where: file }];
}
