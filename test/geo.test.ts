import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { codeDoc } from '../src/pipeline.js';
import { gazetteer } from '../src/geo/gazetteer.js';
import { placesStage, locateStage } from '../src/geo/stage.js';
import { ROOT, BIN } from './helpers.js';
import { readTable } from './tables.js';

const dir = path.join(ROOT, 'test', 'geo');

describe('places (test/geo/places.tsv)', () => {
  for (const r of readTable(path.join(dir, 'places.tsv'))) {
    it(`[${r.group}] ${r.text}`, () => {
      const doc = codeDoc(r.text, { date: r.date, id: 'case' });
      const want = r.expected === '-' ? [] : r.expected.split(/\s*;\s*/);
      const got = doc.places.map((p) => `${p.text}:${p.country}:${p.precision}`);
      const msg = `places.tsv:${r.line}: expected [${want.join('; ')}], got [${doc.places.map((p) => `${p.text}:${p.country}:${p.precision}:${p.admin1}`).join('; ')}]`;
      assert.deepEqual(got.slice().sort(), want.map((w) => w.split(':').slice(0, 3).join(':')).sort(), msg);
      for (const w of want) {
        const [text, country, precision, admin1] = w.split(':');
        if (!admin1) continue;
        const p = doc.places.find((x) => x.text === text && x.country === country && x.precision === precision)!;
        assert.equal(p.admin1, admin1, msg);
      }
    });
  }
});

describe('event locations end to end (test/geo/events.tsv)', () => {
  for (const r of readTable(path.join(dir, 'events.tsv'))) {
    it(`[${r.group}] ${r.text}`, () => {
      const doc = codeDoc(r.text, { date: r.date, id: 'case' });
      const got = doc.events.map((e) => `${e.source.code} ${e.cameo} ${e.target?.code ?? '-'} ${e.location ? `${e.location.name}:${e.location.country}:${e.location.precision}` : '-'}`);
      for (const want of r.expected.split(/\s*;\s*/)) {
        const [src, code, tgt, loc] = want.split(/\s+/);
        const ok = got.some((g) => {
          const [s, c, t, l] = g.split(' ');
          return s === src && (code === '*' || c === code) && (tgt === '*' || t === tgt) && l === loc;
        });
        assert.ok(ok, `events.tsv:${r.line}: expected ${want}, got [${got.join('; ') || 'no events'}]`);
      }
    });
  }
});

describe('geo stages', () => {
  it('sets chunk.place on the NP that names a place, also without a preposition', () => {
    const doc = codeDoc('Russian forces shelled Kharkiv.', { date: '2024-03-16' });
    const ch = doc.chunks.find((c) => c.kind === 'NP' && doc.spanText(c.start, c.end) === 'Kharkiv');
    assert.ok(ch && ch.place !== undefined);
    assert.equal(doc.places[ch.place!].country, 'UKR');
  });
  it('produces no actor mentions', () => {
    const doc = codeDoc('Clashes broke out in Tripoli.', { date: '2024-03-16' });
    const before = doc.mentions.length;
    placesStage.run(doc);
    assert.equal(doc.mentions.length, before);
  });
  it('declares its layers', () => {
    assert.deepEqual([...placesStage.requires], ['chunks']);
    assert.deepEqual([...placesStage.assigns], ['places']);
    assert.deepEqual([...locateStage.requires], ['events', 'places']);
  });
  it('uses ISO alpha-3 codes, Kosovo as KSV', () => {
    const doc = codeDoc('Protesters gathered in Pristina.', { date: '2024-03-16' });
    assert.equal(doc.places[0]?.country, 'KSV');
  });
  it('loads the gazetteer with cities, regions and countries', () => {
    const g = gazetteer();
    assert.ok(g.stats.cities > 40000 && g.stats.admin1 > 3000 && g.stats.countries > 240);
  });
});

describe('dyad eval geo', () => {
  it('scores the gold file and prints a table and one summary line', () => {
    const r = spawnSync(process.execPath, [BIN, 'eval', 'geo', path.join(ROOT, 'data', 'eval', 'geo-gold.jsonl')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^group\s+sentences\s+places/m);
    assert.match(r.stdout, /^geo: country accuracy \d+\.\d% \(\d+\/\d+\), city accuracy \d+\.\d% \(\d+\/\d+\)/m);
  });
  it('reports a missing file with a DyadError code', () => {
    const r = spawnSync(process.execPath, [BIN, 'eval', 'geo', '/nonexistent/gold.jsonl'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /E_INPUT_NOT_FOUND/);
  });
});
