import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { wink, memoLemmatize, annotate, setLexemeLimit } from '../src/nlp/wink.js';
import { maskLongRuns } from '../src/nlp/bounds.js';
import { latin1Letters } from '../src/nlp/letters.js';
import { makeDoc } from '../src/pipeline.js';
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
  // wink's tokens depend on the words an instance met before: the bare model and ours meet the same texts in the
  // same order, in both tests
  const bare = winkNLP(model, ['sbd', 'pos']);

  it("gives every token the lemma of wink's bare model, first time and from the memo", () => {
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

  it("annotate's memo by lexeme gives every token wink's value, POS and lemma, first time and from the memo", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const its = bare.its as any;
    const all = texts();
    let tokens = 0, contractions = 0;
    for (const text of [...all, ...all, 'He\'s here; John\'s car. Don\'t, I can\'t. They\'d gone, it’s Obama\'s.',
      // the same lexeme and POS in and out of a contraction, with another lemma: "wo" AUX is "will" in "won't"
      'I wo n\'t go. I won\'t go. I wo n\'t go.']) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const wt = (bare.readDoc(latin1Letters(maskLongRuns(text).text)) as any).tokens();
      const values = wt.out(its.value) as string[];
      const keep = values.map((v) => v.trim() !== '');
      const pick = <T>(l: T[]) => l.filter((_, k) => keep[k]);
      const doc = makeDoc(text);
      annotate(doc);
      const t = doc.tokens;
      assert.equal(t.length, pick(values).length, text.slice(0, 80));
      const lemma = pick(wt.out(its.lemma) as (string | null)[]);
      assert.deepEqual(t.map((x) => x.pos), pick(wt.out(its.pos) as string[]), text.slice(0, 80));
      assert.deepEqual(t.map((x) => x.lower), t.map((x) => x.text.toLowerCase()), text.slice(0, 80));
      assert.deepEqual(t.map((x) => x.lemma), t.map((x, k) => (lemma[k] ? lemma[k].toLowerCase() : x.lower)), text.slice(0, 80));
      tokens += t.length;
      contractions += pick(wt.out(its.contractionFlag) as boolean[]).filter(Boolean).length;
    }
    assert.ok(tokens > 10_000, `${tokens} tokens compared`);
    assert.ok(contractions > 4, `${contractions} contraction parts`);
  });

  it('replaces a wink instance grown past the lexeme limit, and reads the next document as a fresh one would', () => {
    // wink never drops a word it met; annotate starts a fresh instance (and memo) between documents past the limit
    const texts = [
      'Zqarwen Volthikar said on Tuesday that Brixtonian forces shelled Qhomsa, killing 1,234,567 people.',
      "He's here; John's car. Don't, I can't. They'd gone, it’s Obama's. I won't go.",
      'Zqarwen Volthikar met Ulbrechtova in Qhomsa on 12 March 2021 and signed a 98,765,432 deal.',
    ];
    const before = setLexemeLimit(0); // past the limit after every document
    try {
      const first = wink();
      for (const text of [...texts, ...texts]) {
        const doc = makeDoc(text);
        annotate(doc);
        // the tokens of a fresh bare instance (each document after the first was read by a fresh instance)
        const fresh = winkNLP(model, ['sbd', 'pos']);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const its = fresh.its as any;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const wt = (fresh.readDoc(latin1Letters(maskLongRuns(text).text)) as any).tokens();
        const values = (wt.out(its.value) as string[]);
        const keep = values.map((v) => v.trim() !== '');
        const lemma = (wt.out(its.lemma) as (string | null)[]).filter((_, k) => keep[k]);
        assert.deepEqual(doc.tokens.map((x) => x.text), values.filter((_, k) => keep[k]), text);
        assert.deepEqual(doc.tokens.map((x) => x.pos), (wt.out(its.pos) as string[]).filter((_, k) => keep[k]), text);
        assert.deepEqual(doc.tokens.map((x) => x.lemma), doc.tokens.map((x, k) => (lemma[k] ? lemma[k].toLowerCase() : x.lower)), text);
      }
      assert.notEqual(wink(), first, 'a fresh instance after the limit');
    } finally {
      setLexemeLimit(before);
    }
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
