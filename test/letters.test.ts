import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeDoc } from '../src/index.js';

describe('letters outside Latin-1', () => {
  it('keeps Turkish, Polish and Vietnamese names whole, with exact offsets', () => {
    const text = 'Recep Tayyip Erdoğan met Binali Yıldırım in İstanbul; Łukaszenka, Nguyễn Phú Trọng and Ștefan watched.';
    const doc = codeDoc(text, { date: '2021-01-01' });
    const words = doc.tokens.map((t) => t.text);
    for (const w of ['Erdoğan', 'Yıldırım', 'İstanbul', 'Łukaszenka', 'Nguyễn', 'Trọng', 'Ștefan']) assert.ok(words.includes(w), w);
    for (const t of doc.tokens) assert.equal(text.slice(t.start, t.end), t.text);
    assert.ok(doc.mentions.some((m) => m.text === 'Recep Tayyip Erdoğan' && m.code === 'TURGOV'));
  });
});
