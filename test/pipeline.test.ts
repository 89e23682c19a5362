import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline, DyadError, code, codeDoc, tokenizeStage, parseStage, cameoTable } from '../src/index.js';
import type { Stage } from '../src/index.js';

describe('pipeline', () => {
  it('refuses a stage whose requirement no earlier stage assigns', () => {
    const events: Stage = { name: 'events', requires: ['actors'], assigns: ['events'], run() {} };
    assert.throws(() => new Pipeline([tokenizeStage, events]), (e: unknown) => e instanceof DyadError && e.code === 'E_PIPELINE' && /requires 'actors'/.test(e.message));
    assert.throws(() => new Pipeline([parseStage, tokenizeStage]), (e: unknown) => e instanceof DyadError && e.code === 'E_PIPELINE');
  });

  it('records the layers each stage assigned', () => {
    const doc = codeDoc('Russia attacked Ukraine.', { date: '2024-03-16' });
    for (const l of ['text', 'tokens', 'sentences', 'pos', 'chunks', 'clauses', 'actors', 'events']) assert.ok(doc.assigned.has(l), l);
  });

  it('keeps exact character offsets for every token', () => {
    const text = 'Turkey’s defence minister said — on Saturday — that "Haftar’s forces" can\'t win.\r\nU.S. troops left.';
    const doc = codeDoc(text, { date: '2024-03-16' });
    for (const t of doc.tokens) assert.equal(text.slice(t.start, t.end), t.text);
    for (const s of doc.sentences) assert.ok(s.start < s.end && s.end <= text.length);
  });

  it('validates text and date through the library too', () => {
    assert.throws(() => code('   ', { date: '2024-03-16' }), (e: unknown) => e instanceof DyadError && e.code === 'E_INPUT_EMPTY');
    assert.throws(() => code('Russia attacked Ukraine.', { date: '2024-02-31' }), (e: unknown) => e instanceof DyadError && e.code === 'E_DATE_INVALID');
  });

  it('gives every event a valid CAMEO code, quad class, Goldstein value and an evidence slice', () => {
    const text = 'Washington imposed new sanctions on Tehran. Egypt\'s foreign minister visited Athens. China pledged to send medical supplies to Italy.';
    const table = cameoTable();
    for (const e of code(text, { date: '2024-03-16' })) {
      assert.ok(table.has(e.cameo), e.cameo);
      assert.equal(e.cameo_root, e.cameo.slice(0, 2));
      assert.ok([1, 2, 3, 4].includes(e.quad_class));
      assert.equal(e.goldstein, table.get(e.cameo)!.goldstein);
      assert.equal(text.slice(e.evidence.start, e.evidence.end), e.evidence.text);
    }
  });

  it('maps CAMEO codes to PLOVER types', () => {
    const [e] = code('Russia attacked Ukraine.', { date: '2024-03-16' });
    assert.equal(e.plover.type, 'ASSAULT');
    const [v] = code('Egypt\'s foreign minister visited Athens.', { date: '2024-03-16' });
    assert.equal(v.plover.type, 'CONSULT');
    assert.equal(v.plover.mode, 'visit');
  });

  it('ships a CAMEO table covering all 20 roots and a verb dictionary of 300+ patterns over 120+ codes', async () => {
    const table = cameoTable();
    for (let r = 1; r <= 20; r++) assert.ok(table.has(String(r).padStart(2, '0')));
    const { defaultVerbs } = await import('../src/events/defaults.js');
    const v = defaultVerbs();
    assert.ok(v.size >= 300, `verb patterns: ${v.size}`);
    assert.ok(v.codes().size >= 120, `distinct codes: ${v.codes().size}`);
    const roots = new Set([...v.codes()].map((c) => c.slice(0, 2)));
    assert.equal(roots.size, 20);
  });
});

describe('PLOVER contexts and modes', () => {
  it('adds contexts from the evidence and modes where the mapping has none', () => {
    const [e] = code('Russian drones struck Ukrainian refugees in Odesa.', { date: '2024-03-16' });
    assert.equal(e.plover.type, 'ASSAULT');
    assert.equal(e.plover.mode, 'drone');
    assert.ok(e.plover.context.includes('migration'));
    const [v] = code("Egypt's foreign minister visited Athens.", { date: '2024-03-16' });
    assert.equal(v.plover.mode, 'visit', 'the mapping mode is kept');
    assert.ok(!v.plover.context.includes('migration'));
  });
});

describe('PLOVER types where the PLOVER 2.0 manual departs from the 2021 CAMEO table', () => {
  const typeOf = (text: string) => code(text, { date: '2024-03-16', partial: true }).map((e) => `${e.plover.type}/${e.plover.mode ?? ''}`);
  it('types lifting a curfew as CONCEDE (manual: "removing curfews" are verbal concessions)', () => {
    assert.deepEqual(typeOf("Myanmar's army eased the curfew on Rohingya villagers."), ['CONCEDE/']);
  });
  it('types an indictment ACCUSE/allege and an arrest COERCE/arrest (both CAMEO 173)', () => {
    assert.deepEqual(typeOf('The Kenyan prosecutor indicted the former governor for fraud.'), ['ACCUSE/allege']);
    assert.deepEqual(typeOf('Kenyan police arrested the former governor.'), ['COERCE/arrest']);
  });
  it('types defacing websites COERCE/cyber', () => {
    assert.deepEqual(typeOf('Russian hackers defaced dozens of Ukrainian government websites.'), ['COERCE/cyber']);
  });
  it('types joint exercises COOPERATE and single-country exercises MOBILIZE', () => {
    assert.deepEqual(typeOf('Russia and Belarus launched joint military drills.'), ['COOPERATE/', 'COOPERATE/']);
    assert.deepEqual(typeOf('Russian troops held military exercises near the Ukrainian border.').map((t) => t.split('/')[0]), ['MOBILIZE']);
  });
  it('keeps an event whose only target is the source itself as target-less (partial output)', () => {
    const evs = code('The Kenyan President promised to democratize Kenya.', { date: '2024-03-16', partial: true });
    assert.deepEqual(evs.map((e) => [e.source.code, e.cameo, e.target]), [['KENGOV', '0343', null]]);
    assert.equal(code('The Kenyan President promised to democratize Kenya.', { date: '2024-03-16' }).length, 0);
  });
});

describe('speakers of reported speech', () => {
  it("', adding that …' after a reported clause is still the first speaker's", () => {
    const evs = code("Kenya's foreign minister Musalia Mudavadi said Nairobi would not recognise the vote, adding that Kenya would sever diplomatic ties with Somalia.", { date: '2024-03-16' });
    const sever = evs.find((e) => e.cameo === '1313'); // threaten to break relations
    assert.ok(sever, JSON.stringify(evs.map((e) => `${e.source.code} ${e.cameo} ${e.target?.code}`)));
    assert.equal(sever.quote, true);
    assert.match(sever.speaker ?? '', /Mudavadi/);
  });
  it('a direct quote after its speaker line is the speaker\'s, across sentences', () => {
    const evs = code('"We will strike the rebels if they attack our soldiers," the Chadian defence minister said. "We have warned Sudan."', { date: '2024-03-16' });
    const warn = evs.find((e) => e.target?.code === 'SDN');
    assert.ok(warn);
    assert.equal(warn.source.code, 'TCDGOV');
    assert.equal(warn.quote, true);
  });
});
