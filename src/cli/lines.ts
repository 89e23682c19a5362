import { openSync, readSync, closeSync } from 'node:fs';
import { DyadError } from '../core/errors.js';
import { hasBom, nulError, utf8Error } from '../core/input.js';
import { Utf8Scan } from '../core/utf8.js';

/**
 * UTF-8 bytes in chunks → lines split on "\n" (as `text.split(/\r?\n/)` after trimming \r is left to the
 * caller), one leading BOM dropped. Shared by the streaming reader of `dyad code` and the chunked reader of
 * `dyad ingest`, so both read JSONL the same way with memory bounded by the longest line.
 */
export class LineSplitter {
  private dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private head: Buffer | null = Buffer.alloc(0); // bytes before the BOM check
  private parts: string[] = [];
  private n = 0;

  /** the complete lines in this chunk, with their 1-based numbers */
  push(chunk: Buffer): [string, number][] {
    let buf = chunk;
    if (this.head) {
      buf = Buffer.concat([this.head, buf]);
      if (buf.length < 3) { this.head = buf; return []; }
      if (hasBom(buf)) buf = buf.subarray(3);
      this.head = null;
    }
    return this.split(this.dec.decode(buf, { stream: true }));
  }

  /** the rest, including the last line (possibly empty) */
  end(): [string, number][] {
    const out = this.split(this.dec.decode(this.head ?? new Uint8Array(0)));
    this.head = null;
    out.push([this.parts.join(''), ++this.n]);
    this.parts = [];
    return out;
  }

  private split(s: string): [string, number][] {
    const out: [string, number][] = [];
    let start = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
      const piece = s.slice(start, nl);
      out.push([this.parts.length ? this.parts.join('') + piece : piece, ++this.n]);
      this.parts = [];
      start = nl + 1;
    }
    if (start < s.length) this.parts.push(s.slice(start));
    return out;
  }
}

const CHUNK = 1 << 20;

function readError(e: unknown, file: string): DyadError {
  return e instanceof DyadError ? e : new DyadError('E_INPUT_READ', (e as Error)?.message ?? String(e), file);
}

/** read a file in chunks, synchronously */
function* chunksSync(file: string): Generator<Buffer> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw readError(e, file);
  }
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, CHUNK, null);
      } catch (e) {
        throw readError(e, file);
      }
      if (n <= 0) return;
      yield Buffer.from(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/** the same E_INPUT_BINARY errors as decodeInput on the whole file, in one chunked pass */
export function checkFileBytesSync(file: string): void {
  const scan = new Utf8Scan();
  for (const chunk of chunksSync(file)) if (!scan.push(chunk)) break;
  scan.end();
  if (scan.nul >= 0) throw nulError(scan.nul, file);
  if (scan.invalid >= 0) throw utf8Error(scan, file);
}

/** the lines of a UTF-8 file, read in chunks */
export function* fileLinesSync(file: string): Generator<[string, number]> {
  const sp = new LineSplitter();
  try {
    for (const chunk of chunksSync(file)) yield* sp.push(chunk);
    yield* sp.end();
  } catch (e) {
    throw readError(e, file);
  }
}

/** non-blank lines of a file (JSONL documents), counted in chunks */
export function countLinesSync(file: string): number {
  let n = 0;
  let blank = true;
  for (const buf of chunksSync(file)) {
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      if (c === 0x0a) { if (!blank) n++; blank = true; } else if (c !== 0x20 && c !== 0x0d && c !== 0x09) blank = false;
    }
  }
  return blank ? n : n + 1;
}
