import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeyFilter, HASH_START, hashChar, hashStr } from '../src/core/keyfilter.js';
import { gazetteer } from '../src/geo/gazetteer.js';

describe('gazetteer key filter', () => {
  it('says "may have" for every gazetteer name, and "either" for every name and first word (a "no" is always right)', () => {
    const g = gazetteer();
    let n = 0;
    for (const key of g.byName.keys()) {
      assert.ok(g.keys.mayHave(hashStr(HASH_START, key)), key);
      assert.ok(g.keys.mayHaveEither(hashStr(HASH_START, key)), key);
      const sp = key.indexOf(' ');
      if (sp > 0) assert.ok(g.keys.mayHaveEither(hashStr(HASH_START, key, 0, sp)), key);
      n++;
    }
    assert.ok(n > 40_000, `${n} names`);
  });

  it('hashes a key built piece by piece (words, then a space, then words) as the whole key', () => {
    for (const [a, b] of [['new', 'york'], ['ras', 'al khaimah'], ['', 'x'], ['são', 'paulo']]) {
      const whole = hashStr(HASH_START, `${a} ${b}`);
      assert.equal(hashStr(hashChar(hashStr(HASH_START, a), 32), b), whole);
      assert.equal(hashStr(HASH_START, `xx${a} ${b}yy`, 2, a.length + b.length + 3), whole);
    }
  });

  it('rejects most strings it was not given, and never one it was', () => {
    const f = new KeyFilter(15);
    const added: string[] = [];
    for (let i = 0; i < 50_000; i++) { const s = `name-${i}`; f.add(s); added.push(s); }
    for (const s of added) assert.ok(f.mayHave(hashStr(HASH_START, s)));
    let yes = 0;
    for (let i = 0; i < 20_000; i++) if (f.mayHave(hashStr(HASH_START, `other-${i}`))) yes++;
    assert.ok(yes < 20_000 * 0.05, `${yes} false positives of 20,000`);
  });

  it('keeps a second set apart: mayHave answers for the first set alone, mayHaveEither for both', () => {
    const f = new KeyFilter(15);
    for (let i = 0; i < 30_000; i++) { f.add(`name-${i}`); f.addSecond(`first-${i}`); }
    for (let i = 0; i < 30_000; i++) {
      assert.ok(f.mayHave(hashStr(HASH_START, `name-${i}`)));
      assert.ok(f.mayHaveEither(hashStr(HASH_START, `name-${i}`)));
      assert.ok(f.mayHaveEither(hashStr(HASH_START, `first-${i}`)));
    }
    let second = 0;
    let other = 0;
    for (let i = 0; i < 20_000; i++) {
      if (f.mayHave(hashStr(HASH_START, `first-${i}`))) second++;
      if (f.mayHaveEither(hashStr(HASH_START, `other-${i}`))) other++;
    }
    assert.ok(second < 20_000 * 0.05, `${second} of 20,000 second-set strings in the first set`);
    assert.ok(other < 20_000 * 0.1, `${other} false positives of 20,000`);
  });
});
