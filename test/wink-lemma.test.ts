import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { wink, memoLemmatize } from '../src/nlp/wink.js';
import { ROOT, caseFiles, readCaseTable } from './helpers.js';

// the texts: the bundled examples and every case-table sentence, twice over (the second time from the memo)
function texts(): string[] {
  const dir = path.join(ROOT, 'examples');
  const out = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
  for (const f of caseFiles(path.join(ROOT, 'test', 'cases'))) for (const r of readCaseTable(f)) out.push(r.text);
  out.push('The leaders were meeting; ministers met, men fled, geese flew, she studies studying studied: bigger, biggest, better.');
  return out;
}

describe('memoised lemmatizer', () => {
  it("gives every token the lemma of wink's bare model, first time and from the memo", () => {
    const bare = winkNLP(model, ['sbd', 'pos']);
    const ours = wink();
    const all = texts();
    let tokens = 0;
    for (const text of [...all, ...all]) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const a = (bare.readDoc(text) as any).tokens().out((bare.its as any).lemma) as string[];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const b = (ours.readDoc(text) as any).tokens().out((ours.its as any).lemma) as string[];
      assert.deepEqual(b, a, text.slice(0, 80));
      tokens += a.length;
    }
    assert.ok(tokens > 10_000, `${tokens} tokens compared`);
  });

  it('calls the lemmatizer once per (word, POS) and passes its arguments through', () => {
    const calls: string[] = [];
    const f = memoLemmatize((value, pos) => {
      calls.push(`${pos}:${value}`);
      return pos === 'VERB' ? value.replace(/ing$/, '') : value;
    });
    assert.equal(f('meeting', 'VERB', null), 'meet');
    assert.equal(f('meeting', 'NOUN', null), 'meeting');
    assert.equal(f('meeting', 'VERB', null), 'meet');
    assert.deepEqual(calls, ['VERB:meeting', 'NOUN:meeting']);
  });
});
