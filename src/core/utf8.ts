/**
 * An incremental UTF-8 validator that says *where* input stops being valid: the first NUL byte and the first
 * byte that does not start or continue a well-formed sequence (overlong forms, UTF-16 surrogates and code
 * points above U+10FFFF are invalid, as in the WHATWG decoder with `fatal: true`). It reads chunk by chunk,
 * so a file of any size is checked in constant memory.
 */
export class Utf8Scan {
  /** byte offset of the first NUL, or -1 */
  nul = -1;
  /** byte offset of the first byte of the first ill-formed sequence, or -1 */
  invalid = -1;
  /** true when the input ended inside a multi-byte sequence */
  truncated = false;
  private offset = 0;
  /** bytes still expected in the current sequence */
  private need = 0;
  /** offset where the current sequence started */
  private seqStart = 0;
  /** allowed range of the next continuation byte (narrower for the second byte of E0, ED, F0, F4) */
  private lo = 0x80;
  private hi = 0xbf;

  /** Feed the next chunk. Returns false once a NUL was seen (nothing more can change the verdict). */
  push(buf: Uint8Array): boolean {
    const base = this.offset;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (b === 0 && this.nul < 0) {
        this.nul = base + i;
        this.offset = base + buf.length;
        return false;
      }
      if (this.invalid >= 0) continue; // keep looking for a NUL only
      if (this.need > 0) {
        if (b < this.lo || b > this.hi) {
          this.invalid = this.seqStart;
          this.need = 0;
          continue;
        }
        this.lo = 0x80;
        this.hi = 0xbf;
        this.need--;
        continue;
      }
      if (b < 0x80) continue;
      this.seqStart = base + i;
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.lo = 0xa0; // overlong
        if (b === 0xed) this.hi = 0x9f; // surrogates
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.lo = 0x90; // overlong
        if (b === 0xf4) this.hi = 0x8f; // above U+10FFFF
      } else this.invalid = base + i; // 80–C1 (stray continuation, overlong lead) or F5–FF
    }
    this.offset = base + buf.length;
    return true;
  }

  /** Call after the last chunk. */
  end(): this {
    if (this.need > 0 && this.invalid < 0) {
      this.invalid = this.seqStart;
      this.truncated = true;
    }
    return this;
  }

  /** total bytes seen */
  get length(): number {
    return this.offset;
  }
}

/** One-shot scan of a whole buffer. */
export function scanUtf8(buf: Uint8Array): Utf8Scan {
  const s = new Utf8Scan();
  s.push(buf);
  return s.end();
}
