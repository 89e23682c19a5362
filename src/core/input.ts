import { DyadError } from './errors.js';

/**
 * Decode bytes as UTF-8 text for coding. Policy (stated in docs/errors.md):
 * - a UTF-8 BOM is dropped;
 * - NUL bytes or invalid UTF-8 → E_INPUT_BINARY (we never guess another encoding);
 * - CRLF is kept as is (offsets stay exact against the input file).
 */
export function decodeInput(buf: Uint8Array, where?: string): string {
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  const nul = buf.indexOf(0, start);
  if (nul !== -1) {
    throw new DyadError('E_INPUT_BINARY', `input looks binary (NUL byte at offset ${nul})`, where);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start));
  } catch {
    throw new DyadError('E_INPUT_BINARY', 'input is not valid UTF-8', where);
  }
  return text;
}

/** Reject text that cannot be coded at all. */
export function checkText(text: string, where?: string): void {
  if (text.trim().length === 0) throw new DyadError('E_INPUT_EMPTY', 'input is empty', where);
  if (text.indexOf('\u0000') !== -1) {
    throw new DyadError('E_INPUT_BINARY', `input contains a NUL character at offset ${text.indexOf('\u0000')}`, where);
  }
}
