import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chronoDates, mayHoldChronoDate } from '../src/dates/expressions.js';
import { parseDay } from '../src/dates/calendar.js';
import { loadCorpus } from '../src/bench/corpus.js';

// mayHoldChronoDate only decides whether chrono runs: with it or without, chronoDates must return the same.
const PUB = '2020-06-15';
const SHAPES = [
  'Troops arrived today at 5pm.', 'The talks resumed yesterday at 10.', 'He spoke on Sunday at 5pm.', 'They met last week at 5.',
  'The vote is in 5 days.', 'The blast came 5h ago.', 'Signed on 2011 3 4 in Geneva.', 'SEPT 5 was the date.', 'at 5 o\'clock tonight',
  'On 3/4 the rebels attacked.', 'on 12.5.2011 the army', 'on 2011-03-04 police', 'on the 5th of the month', 'Gunmen killed 12 people.',
  'at midday 12:30 the convoy left', '5 m ago', 'by the end of the month at 5', 'in 2014 they', 'since 2014', 'Resolution 1973 passed.',
  'the 1990s war', '3 weeks later the ministers met', 'past 2 yrs', 'within 48 hours', '12 soldiers and 3 civilians died on Tuesday.',
  'on 5 june the army', 'the 5 of them met overmorrow at 9', 'The 2 leaders met this morning at 9:30.',
];

describe('chrono pre-filter (dates/expressions.ts)', () => {
  it('skips texts with digits but no date shape', () => {
    assert.equal(mayHoldChronoDate('Gunmen killed 12 people.'), false);
    assert.equal(mayHoldChronoDate('Resolution 1973 passed.'), false);
    assert.equal(mayHoldChronoDate('in 5 days'), true);
    assert.equal(mayHoldChronoDate('On March 3 troops left.'), true);
  });

  it('changes nothing chrono keeps, on date shapes written for this test', () => {
    const pub = parseDay(PUB);
    for (const t of SHAPES) assert.deepEqual(chronoDates(t, pub), chronoDates(t, pub, false), t);
  });

  it('changes nothing chrono keeps, on every bench and evaluation text (../shared/eval)', (t) => {
    const corpus = loadCorpus();
    if (corpus.docs.length < 100) { t.skip('../shared/eval not present'); return; }
    let asked = 0;
    let found = 0;
    for (const d of corpus.docs) {
      const pub = parseDay(d.date);
      const a = chronoDates(d.text, pub, false);
      found += a.length;
      if (mayHoldChronoDate(d.text)) { asked++; assert.deepEqual(chronoDates(d.text, pub), a, d.text); } else assert.deepEqual(a, [], d.text);
    }
    assert.ok(found > 0 && asked < corpus.docs.length);
  });
});
