import { DyadError } from './errors.js';
import { scanUtf8, type Utf8Scan } from './utf8.js';

/** the bytes of a UTF-8 byte-order mark */
export function hasBom(buf: Uint8Array): boolean {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/** E_INPUT_BINARY for a NUL byte at a byte offset of the input */
export function nulError(offset: number, where?: string): DyadError {
  return new DyadError('E_INPUT_BINARY', `input looks binary (NUL byte at offset ${offset})`, where);
}

/** E_INPUT_BINARY for invalid UTF-8, saying where (byte offset) and whether the input ends mid-character */
export function utf8Error(scan: Utf8Scan, where?: string): DyadError {
  const at = scan.invalid >= 0
    ? ` (${scan.truncated ? 'truncated character at the end, ' : ''}byte offset ${scan.invalid})`
    : '';
  return new DyadError('E_INPUT_BINARY', `input is not valid UTF-8${at}; convert it first (iconv -f CHARSET -t UTF-8)`, where);
}

/**
 * Decode bytes as UTF-8 text for coding. Policy (stated in docs/errors.md):
 * - one UTF-8 BOM at the start is dropped (offsets refer to the text after it);
 * - NUL bytes or invalid UTF-8 → E_INPUT_BINARY with the byte offset (we never guess another encoding);
 * - CRLF is kept as is (offsets stay exact against the input file).
 */
export function decodeInput(buf: Uint8Array, where?: string): string {
  const start = hasBom(buf) ? 3 : 0;
  const nul = buf.indexOf(0, start);
  if (nul !== -1) throw nulError(nul, where);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf.subarray(start));
  } catch {
    throw utf8Error(scanUtf8(buf), where);
  }
}

/** Reject text that cannot be coded at all. */
export function checkText(text: string, where?: string): void {
  if (text.trim().length === 0) throw new DyadError('E_INPUT_EMPTY', 'input is empty', where);
  const nul = text.indexOf('\u0000');
  if (nul !== -1) throw new DyadError('E_INPUT_BINARY', `input contains a NUL character at offset ${nul}`, where);
}
