/**
 * Streaming input for `dyad code`: a JSONL file is read line by line, so memory stays bounded by the longest
 * line, not the file. Output and errors are those of loadInputs (src/cli/inputs.ts): the file's bytes are
 * first checked in one streaming pass (NUL bytes or invalid UTF-8 anywhere reject the whole file, as before,
 * before anything of it is coded), then read again and split on "\n" exactly as `text.split(/\r?\n/)`.
 * Text files (one article each) and stdin are read whole, as one article must be. An http(s) URL is a web
 * page: its article text is extracted (src/cli/web-inputs.ts).
 */
import { createReadStream } from 'node:fs';
import { DyadError } from '../core/errors.js';
import { nulError, utf8Error } from '../core/input.js';
import { LineSplitter } from './lines.js';
import { Utf8Scan } from '../core/utf8.js';
import { checkInputPath, loadInputs, parseJsonlLine, type InputDoc } from './inputs.js';

const CHUNK = 1 << 20;

const readError = (e: unknown, file: string) =>
  e instanceof DyadError ? e : new DyadError('E_INPUT_READ', (e as Error)?.message ?? String(e), file);

/** one streaming pass over the bytes: the same E_INPUT_BINARY errors as decodeInput on the whole file */
export async function checkFileBytes(file: string): Promise<void> {
  const scan = new Utf8Scan();
  const stream = createReadStream(file, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream) if (!scan.push(chunk as Buffer)) break;
  } catch (e) {
    throw readError(e, file);
  } finally {
    stream.destroy();
  }
  scan.end();
  if (scan.nul >= 0) throw nulError(scan.nul, file);
  if (scan.invalid >= 0) throw utf8Error(scan, file);
}

/** The lines of a UTF-8 file (one BOM dropped), split on "\n", with their 1-based numbers. */
export async function* fileLines(file: string): AsyncGenerator<[string, number]> {
  const sp = new LineSplitter();
  const stream = createReadStream(file, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream) yield* sp.push(chunk as Buffer);
    yield* sp.end();
  } catch (e) {
    throw readError(e, file);
  } finally {
    stream.destroy();
  }
}

/**
 * The articles of one input path, as loadInputs gives them, but streamed for JSONL files. A bad line is
 * reported through `onError` and skipped; a file that cannot be read at all throws before any article.
 */
export async function* streamInputs(file: string, onError: (e: DyadError) => void): AsyncGenerator<InputDoc> {
  if (/^https?:\/\//i.test(file)) { // a web page: fetched and its article extracted (src/live/)
    yield await (await import('./web-inputs.js')).loadUrl(file);
    return;
  }
  if (file === '-' || !/\.jsonl$/i.test(file)) {
    yield* loadInputs(file, onError);
    return;
  }
  checkInputPath(file);
  await checkFileBytes(file);
  for await (const [line, n] of fileLines(file)) {
    let d: InputDoc | null;
    try {
      d = parseJsonlLine(line, n, file);
    } catch (e) {
      if (e instanceof DyadError) { onError(e); continue; }
      throw e;
    }
    if (d) yield d;
  }
}
