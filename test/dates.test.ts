import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { codeDoc } from '../src/pipeline.js';
import { findDates } from '../src/dates/expressions.js';
import { dateEvent, sentenceDates } from '../src/dates/stage.js';
import type { DatePrecision } from '../src/core/event.js';
import { ROOT } from './helpers.js';
import { readTable } from './tables.js';

/** 2024-03-14 / 2024-03 / 2024 → the date and precision it stands for */
function short(date: string, precision: DatePrecision): string {
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date;
}

const dir = path.join(ROOT, 'test', 'dates');

describe('date resolver (test/dates/expressions.tsv)', () => {
  const file = path.join(dir, 'expressions.tsv');
  for (const r of readTable(file)) {
    it(`[${r.date} ${r.group}] ${r.text}`, () => {
      const got = findDates(r.text, r.date).dates.map((d) => short(d.date, d.precision) + (d.kind === 'start' ? ' start' : '')).join(' ; ') || '-';
      assert.equal(got, r.expected, `expressions.tsv:${r.line}`);
    });
  }
});

describe('event dates end to end (test/dates/events.tsv)', () => {
  const file = path.join(dir, 'events.tsv');
  for (const r of readTable(file)) {
    it(`[${r.date} ${r.group}] ${r.text}`, () => {
      const doc = codeDoc(r.text, { date: r.date, id: 'case' });
      if (r.expected === '-') {
        // future or modal: whatever is coded carries the publication date
        for (const e of doc.events) assert.equal(`${e.date} ${e.date_precision}`, `${r.date} day`, `events.tsv:${r.line}`);
        return;
      }
      const got = doc.events.map((e) => `${e.source.code} ${e.cameo} ${e.target?.code ?? '-'} ${short(e.date, e.date_precision)}`);
      for (const want of r.expected.split(/\s*;\s*/)) {
        const [src, code, tgt, date] = want.split(/\s+/);
        const ok = got.some((g) => { const [s, c, t, d] = g.split(' '); return s === src && (tgt === '*' || t === tgt) && d === date && (code === '*' || c === code); });
        assert.ok(ok, `events.tsv:${r.line}: expected ${want}, got [${got.join('; ') || 'no events'}]`);
      }
    });
  }
});

describe('dates stage', () => {
  it('does not take a date from another event\'s clause', () => {
    const doc = codeDoc('Turkey condemned Russia, which attacked Ukraine on Monday.', { date: '2024-03-16' });
    const i = doc.events.findIndex((e) => e.cameo === '111');
    assert.ok(i >= 0);
    const s = doc.events[i].sentence;
    const r = dateEvent(doc, i, sentenceDates(doc, s));
    assert.equal(r.date, '2024-03-16');
    assert.equal(r.from, null);
  });
  it('places date expressions on tokens', () => {
    const doc = codeDoc('Russia attacked Ukraine on Saturday.', { date: '2024-03-16' });
    const d = sentenceDates(doc, 0);
    assert.equal(d.length, 1);
    assert.equal(doc.spanText(d[0].from, d[0].to), 'Saturday');
  });
  it('reports durations separately', () => {
    const s = findDates('The siege lasted for 14 months.', '2024-03-16');
    assert.equal(s.dates.length, 0);
    assert.equal(s.durations[0].text, 'for 14 months');
  });
});

describe('dates of consequence participles', () => {
  it('", killing five civilians" takes the date of the shelling it follows', async () => {
    const { code } = await import('../src/index.js');
    const evs = code('Russian forces shelled Kharkiv on Tuesday, killing five civilians.', { date: '2024-03-16' });
    assert.ok(evs.length >= 2, JSON.stringify(evs.map((e) => e.cameo)));
    for (const e of evs) assert.equal(e.date, '2024-03-12', `${e.cameo} ${e.target?.code}`);
  });
});

describe('chrono probe (src/dates/chrono-gated.ts)', () => {
  it('applies to the installed chrono-node (if not, findDates runs plain chrono.casual: re-check the argument for that release)', async () => {
    const chrono = await import('chrono-node/en');
    const { probeApplies, chronoVersion, CHECKED_CHRONO_VERSION } = await import('../src/dates/chrono-gated.js');
    assert.equal(chronoVersion(), CHECKED_CHRONO_VERSION);
    assert.ok(probeApplies(chrono.casual));
  });
  it('gives findDates the dates chrono.casual gives (times, weekdays, "25may", "3rdjune", "33Monbefore")', async () => {
    const chrono = await import('chrono-node/en');
    const { findDatesUsing } = await import('../src/dates/expressions.js');
    const texts = [
      ...readTable(path.join(dir, 'expressions.tsv')).map((r) => r.text),
      'It happened on 25may.', 'Talks resume 3rdjune.', 'The ceasefire ended 33Monbefore.', 'Saturday, March 3 at 5pm',
      'They met at 17:30 on Monday.', 'at 5 pm yesterday', 'today at noon', 'from May to June', 'March 3-5, 2019',
      'between 9am and 5pm on Tuesday', 'Friday 10/12', '2011-03-05T12:00Z', 'end of the month at 5', 'Mon 5pm EST',
    ];
    for (const text of texts) {
      for (const pub of ['2024-03-16', '2011-12-31']) {
        assert.deepEqual(findDates(text, pub), findDatesUsing(chrono.casual, text, pub), `${pub} ${text}`);
      }
    }
  });
});
