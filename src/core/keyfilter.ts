/**
 * A compact filter of strings (a blocked Bloom filter): `mayHave` is false only for strings never added, so a
 * false answer rejects a lookup exactly, and a true one (rarely for a string not added) sends it on to the Map.
 *
 * Why: the place matcher asks the gazetteer's big tables (~51k names, ~40k first words) about every capitalized
 * word and every range of them, and the actor lexicon its first-word and plural Maps about every word of a noun
 * phrase; most answers are "no". In the pipeline those Map lookups miss the CPU caches (several dependent reads
 * each: bucket, entry, key string); a probe here reads one 32-bit word of a small array, and the hash can be
 * computed piece by piece (the place matcher hashes a range from its token keys without building its string).
 */

/** FNV-1a offset basis: the hash state of the empty string */
export const HASH_START = 0x811c9dc5 | 0;
/** the hash state after one more character code (FNV-1a) */
export function hashChar(h: number, c: number): number {
  return Math.imul(h ^ c, 16777619);
}
/** the hash state after s's characters from..to-1 */
export function hashStr(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}

/** murmur3's finalizer: spreads FNV's state over all 32 bits (the word index uses the top ones) */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class KeyFilter {
  private readonly bits: Int32Array;
  private readonly shift: number;

  /** 2^wordBits words of 32 bits (the gazetteer's: 2^15, 128 KB, ~1.5 % false positives for its ~56k strings) */
  constructor(wordBits: number) {
    this.bits = new Int32Array(1 << wordBits);
    this.shift = 32 - wordBits;
  }

  /** a filter sized for about `count` strings: ~16 bits a string (two set per string: ~1 % false positives), at least 2^10 words */
  static forCount(count: number): KeyFilter {
    let wordBits = 10;
    while ((1 << wordBits) * 32 < count * 16 && wordBits < 20) wordBits++;
    return new KeyFilter(wordBits);
  }

  add(s: string): void {
    const h = mix(hashStr(HASH_START, s));
    this.bits[h >>> this.shift] |= (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
  }

  /** may a string whose hash state (from HASH_START) is h have been added? */
  mayHave(h: number): boolean {
    h = mix(h);
    const mask = (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
    return (this.bits[h >>> this.shift] & mask) === mask;
  }

  /**
   * Add s to a second set kept in the same words with other bits (the hash's bits 10-19 pick them, 0-9 the
   * first set's): `mayHave` asks about the first set alone, `mayHaveEither` about both with one word read.
   */
  addSecond(s: string): void {
    const h = mix(hashStr(HASH_START, s));
    this.bits[h >>> this.shift] |= (1 << ((h >>> 10) & 31)) | (1 << ((h >>> 15) & 31));
  }

  /** may a string whose hash state is h have been added to either set (add or addSecond)? */
  mayHaveEither(h: number): boolean {
    h = mix(h);
    const w = this.bits[h >>> this.shift];
    const mask = (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
    const second = (1 << ((h >>> 10) & 31)) | (1 << ((h >>> 15) & 31));
    return (w & mask) === mask || (w & second) === second;
  }

  /** may the string have been added? */
  mayHaveKey(s: string): boolean {
    return this.mayHave(hashStr(HASH_START, s));
  }
}
