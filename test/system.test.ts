// The conflict-system view (issue #11): windows, actor identity, signed partition, sides, proxies, tie changes,
// on synthetic store events and on coded case articles (Yemen with an alliance that breaks, eastern Congo,
// and the bundled Libya proxy-war examples). Every claim must list its evidence.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ingest } from '../src/cli/ingest-run.js';
import { openStore } from '../src/store/open.js';
import type { EventStore } from '../src/store/types.js';
import { actorId } from '../src/system/identity.js';
import { frustration, partitionSigned, signedGraph } from '../src/system/partition.js';
import { windowOf } from '../src/system/relations.js';
import type { EvidenceRef, SystemView } from '../src/system/types.js';
import { systemView } from '../src/system/view.js';
import { ROOT } from './helpers.js';
import { makeCoded, makeEvent, tempDir } from './store-helpers.js';

const sideOf = (v: SystemView, actor: string) => v.sides.find((s) => s.members.some((m) => m.actor === actor))?.id ?? null;
const together = (v: SystemView, ...actors: string[]) => actors.every((a) => sideOf(v, a) !== null && sideOf(v, a) === sideOf(v, actors[0]));
const proxy = (v: SystemView, backer: string, client: string, opponent: string) =>
  v.proxies.find((p) => p.backer === backer && p.client === client && p.opponent === opponent);

/** Each evidence reference is a stored event with that text. */
function assertEvidence(store: EventStore, refs: EvidenceRef[], what: string) {
  assert.ok(refs.length > 0, `${what}: lists evidence`);
  for (const r of refs) {
    const d = store.event(r.id);
    assert.ok(d, `${what}: event #${r.id} is in the store`);
    assert.equal(d.event.evidence.text, r.text, `${what}: evidence text of #${r.id}`);
  }
}

/** Every side member, proxy relation and tie change lists events that exist. */
function assertClaimsHaveEvidence(store: EventStore, v: SystemView) {
  for (const s of v.sides) {
    for (const m of s.members) {
      assert.ok(m.reasons.length > 0, `${m.actor} has reasons`);
      for (const r of m.reasons) assertEvidence(store, r.evidence, `${m.actor} ${r.relation} of ${r.with}`);
    }
  }
  for (const p of v.proxies) {
    assertEvidence(store, p.evidence.support, `${p.backer} supports ${p.client}`);
    assertEvidence(store, p.evidence.conflict, `${p.client} against ${p.opponent}`);
    for (const r of p.evidence.support) assert.equal(store.event(r.id)!.event.quad_class <= 2, true, 'support is cooperation');
    for (const r of p.evidence.conflict) assert.equal(store.event(r.id)!.event.quad_class >= 3, true, 'conflict is conflict');
  }
  for (const c of v.changes) {
    assertEvidence(store, c.before.evidence, `${c.a}–${c.b} before`);
    assertEvidence(store, c.after.evidence, `${c.a}–${c.b} after`);
  }
  for (const d of v.dyads) assert.ok(d.event_ids.length > 0 && d.event_ids.length <= d.events);
}

describe('system: windows and actor identity', () => {
  it('names day, ISO week and month windows', () => {
    assert.equal(windowOf('2020-01-15', 'day'), '2020-01-15');
    assert.equal(windowOf('2020-01-15', 'month'), '2020-01');
    assert.equal(windowOf('2020-01-01', 'week'), '2020-W01');
    assert.equal(windowOf('2019-12-30', 'week'), '2020-W01');
    assert.equal(windowOf('2021-01-03', 'week'), '2020-W53');
    assert.equal(windowOf('2020-06-21', 'week'), '2020-W25');
  });

  it('collapses state codes to the country, a local state to XXXGOV, and keeps armed groups', () => {
    const local = new Set(['LBY']);
    assert.equal(actorId({ code: 'TURGOV', country: 'TUR', sector: 'GOV' }, 'state', local), 'TUR');
    assert.equal(actorId({ code: 'TURMIL', country: 'TUR', sector: 'MIL' }, 'state', local), 'TUR');
    assert.equal(actorId({ code: 'LBY', country: 'LBY', sector: null }, 'state', local), 'LBYGOV');
    assert.equal(actorId({ code: 'LBYMIL', country: 'LBY', sector: 'MIL' }, 'state', local), 'LBYGOV');
    assert.equal(actorId({ code: 'LBYREB', country: 'LBY', sector: 'REB' }, 'state', local), 'LBYREB');
    assert.equal(actorId({ code: 'IGOUNO', country: null, sector: null }, 'state', local), 'IGOUNO');
    assert.equal(actorId({ code: 'TURMIL', country: 'TUR', sector: 'MIL' }, 'none', local), 'TURMIL');
    assert.equal(actorId({ code: 'LBYREB', country: 'LBY', sector: 'REB' }, 'country', local), 'LBY');
  });
});

describe('system: signed partition', () => {
  it('puts positive ties within sides and negative ties between them', () => {
    const g = signedGraph([
      { a: 'A', b: 'B', weight: 1 }, { a: 'C', b: 'D', weight: 1 }, { a: 'A', b: 'C', weight: -1 },
      { a: 'B', b: 'D', weight: -0.5 }, { a: 'A', b: 'D', weight: -0.2 }, { a: 'B', b: 'C', weight: 0.1 },
      { a: 'X', b: 'Y', weight: -1 },
    ]);
    const r = partitionSigned(g);
    assert.equal(r.sides.get('A'), r.sides.get('B'));
    assert.equal(r.sides.get('C'), r.sides.get('D'));
    assert.notEqual(r.sides.get('A'), r.sides.get('C'));
    assert.notEqual(r.sides.get('X'), r.sides.get('Y'));
    assert.ok(![r.sides.get('A'), r.sides.get('C')].includes(r.sides.get('X')!), 'an unconnected conflict gets its own sides');
    assert.equal(r.frustration, 0.1, 'only the weak B–C cooperation is unexplained');
    assert.equal(frustration(g, r.sides), r.frustration);
  });
});

describe('system: synthetic store events', () => {
  const t = tempDir('dyad-system-');
  let store: EventStore;
  const ev = (id: string, date: string, src: string, tgt: string, cameo: string, quad: 1 | 2 | 3 | 4, goldstein: number, text: string) =>
    makeEvent({
      id, date, cameo, cameo_root: cameo.slice(0, 2), quad_class: quad, goldstein,
      source: { text: src, code: src, country: src.slice(0, 3), sector: src.length > 3 ? src.slice(3, 6) : null, name: null },
      target: { text: tgt, code: tgt, country: tgt.slice(0, 3), sector: tgt.length > 3 ? tgt.slice(3, 6) : null, name: null },
      plover: { type: quad === 2 ? 'AID' : quad === 4 ? 'ASSAULT' : quad === 3 ? 'ACCUSE' : 'SUPPORT', mode: null, context: [] },
      evidence: { start: 0, end: text.length, text },
    });

  before(() => {
    store = openStore(path.join(t.dir, 'synthetic.db'));
    const rows: [string, string, string, string, 1 | 2 | 3 | 4, number][] = [
      ['2021-01-05', 'XYZREB', 'XYZGOV', '190', 4, -10], ['2021-01-20', 'XYZGOV', 'XYZREB', '190', 4, -10],
      ['2021-01-08', 'AAAMIL', 'XYZGOV', '072', 2, 8.3], ['2021-02-08', 'AAA', 'XYZREB', '195', 4, -10],
      ['2021-01-10', 'BBB', 'XYZREB', '072', 2, 8.3], ['2021-02-11', 'XYZGOV', 'BBB', '112', 3, -2],
      ['2021-01-12', 'AAA', 'BBB', '111', 3, -2],
      // an alliance that breaks: CCC helps the government in January, attacks it in March
      ['2021-01-15', 'CCC', 'XYZGOV', '057', 1, 8], ['2021-03-01', 'CCC', 'XYZGOV', '190', 4, -10],
      ['2021-03-02', 'CCC', 'XYZGOV', '195', 4, -10], ['2021-03-03', 'CCC', 'XYZREB', '072', 2, 8.3],
    ];
    store.write(rows.map(([date, s, tg, cameo, q, g], i) => {
      const text = `${s} ${cameo} ${tg} on ${date}`;
      return makeCoded(`s${i}`, text, [ev(`s${i}:0:0`, date, s, tg, cameo, q, g, text)], { date });
    }), []);
  });
  after(() => { store.close(); t.cleanup(); });

  it('relations per window count quad classes and PLOVER types and list the events', () => {
    const v = systemView(store, { country: 'XYZ', window: 'month', top: 50 });
    const d = v.dyads.find((x) => x.a === 'CCC' && x.b === 'XYZGOV')!;
    assert.equal(d.events, 3);
    assert.deepEqual(d.quad, { q1: 1, q2: 0, q3: 0, q4: 2 });
    assert.deepEqual(d.windows.map((w) => [w.window, w.events, w.net]), [['2021-01', 1, 0.8], ['2021-03', 2, -2]]);
    assert.equal(d.goldstein_sum, -12);
    assert.equal(d.goldstein_mean, -4);
    assert.equal(d.first, '2021-01-15');
    assert.equal(d.last, '2021-03-02');
    assert.equal(d.event_ids.length, 3);
    assert.equal(d.windows[1].plover.ASSAULT, 2);
    assert.ok(d.weight < 0, 'decayed tie is conflict');
  });

  it('finds sides, backers and the alliance that broke, each with evidence', () => {
    const v = systemView(store, { country: 'XYZ' });
    assert.deepEqual(v.local_countries, ['XYZ']);
    assert.ok(together(v, 'XYZGOV', 'AAA'), 'AAA (AAAMIL collapsed) with the government');
    assert.ok(together(v, 'XYZREB', 'BBB', 'CCC'), 'BBB and the turncoat CCC with the rebels');
    assert.notEqual(sideOf(v, 'XYZGOV'), sideOf(v, 'XYZREB'));
    const p = proxy(v, 'AAA', 'XYZGOV', 'XYZREB');
    assert.ok(p, 'AAA backs the government against the rebels');
    assert.deepEqual(p.opponent_backers, ['BBB', 'CCC']);
    assert.equal(p.support, 'material');
    assert.ok(p.direct_conflict < 0, 'AAA also attacked the rebels itself');
    assert.ok(proxy(v, 'BBB', 'XYZREB', 'XYZGOV'));
    const change = v.changes.find((c) => c.a === 'CCC' && c.b === 'XYZGOV');
    assert.ok(change && change.kind === 'broke' && change.before.window === '2021-01' && change.after.window === '2021-03');
    assertClaimsHaveEvidence(store, v);

    const early = systemView(store, { country: 'XYZ', to: '2021-01-31' });
    assert.ok(together(early, 'XYZGOV', 'CCC'), 'in January CCC was on the government side');
    assert.ok(proxy(early, 'CCC', 'XYZGOV', 'XYZREB'));
  });

  it('keeps country codes apart with collapse none', () => {
    const v = systemView(store, { country: 'XYZ', collapse: 'none' });
    assert.ok(v.actors.some((a) => a.id === 'AAAMIL') && v.actors.some((a) => a.id === 'AAA'));
  });
});

describe('system: coded case articles', () => {
  const t = tempDir('dyad-system-cases-');
  let store: EventStore;
  before(() => {
    store = openStore(path.join(t.dir, 'cases.db'));
    const r = ingest([path.join(ROOT, 'test', 'fixtures', 'system', 'conflicts.jsonl'), path.join(ROOT, 'examples', 'libya-proxy.jsonl')], store, { date: '2024-01-01' });
    assert.equal(r.failed, 0);
  });
  after(() => { store.close(); t.cleanup(); });

  it('Libya: Turkey backs the Tripoli government; the UAE, Egypt and Russia back Haftar', () => {
    const v = systemView(store, { country: 'LBY' });
    assert.ok(together(v, 'LBYGOV', 'TUR'));
    assert.ok(together(v, 'LBYREB', 'ARE', 'EGY', 'RUS'));
    assert.notEqual(sideOf(v, 'LBYGOV'), sideOf(v, 'LBYREB'));
    assert.deepEqual(v.mediators, ['IGOUNO'], 'the UN appeals to both and fights none');
    const tur = proxy(v, 'TUR', 'LBYGOV', 'LBYREB');
    assert.ok(tur);
    assert.deepEqual(tur.opponent_backers, ['ARE', 'EGY', 'RUS']);
    for (const b of ['ARE', 'EGY', 'RUS']) assert.ok(proxy(v, b, 'LBYREB', 'LBYGOV'), `${b} backs Haftar`);
    assert.equal(v.proxies.length, 4);
    for (const m of v.sides.flatMap((s) => s.members)) assert.ok(m.confidence >= 0.5, `${m.actor} placed with confidence`);
    assertClaimsHaveEvidence(store, v);
  });

  it('Yemen: the southern separatists leave the government side, backed by the UAE', () => {
    const before2019 = systemView(store, { country: 'YEM', to: '2018-12-31' });
    assert.ok(together(before2019, 'YEMGOV', 'YEMSEP', 'SAU'), '2018: the STC fights beside the government');
    assert.ok(together(before2019, 'YEMREB', 'IRN'));
    const v = systemView(store, { country: 'YEM' });
    assert.ok(together(v, 'YEMGOV', 'SAU'));
    assert.ok(together(v, 'YEMSEP', 'ARE'));
    assert.ok(together(v, 'YEMREB', 'IRN'));
    assert.equal(new Set(['YEMGOV', 'YEMSEP', 'YEMREB'].map((a) => sideOf(v, a))).size, 3, 'three sides by August 2019');
    assert.ok(proxy(v, 'ARE', 'YEMSEP', 'YEMGOV'));
    assert.ok(proxy(v, 'SAU', 'YEMGOV', 'YEMREB'));
    assert.ok(proxy(v, 'IRN', 'YEMREB', 'YEMGOV'));
    const broke = v.changes.find((c) => c.a === 'YEMGOV' && c.b === 'YEMSEP');
    assert.ok(broke && broke.kind === 'broke', 'the STC–government alliance broke');
    assert.deepEqual([broke.before.window, broke.after.window], ['2018-06', '2019-08']);
    assertClaimsHaveEvidence(store, v);
  });

  it('without a country, finds every local conflict; unconnected conflicts never share a side', () => {
    const v = systemView(store, {});
    assert.deepEqual(v.local_countries, ['COD', 'LBY', 'YEM']);
    assert.ok(together(v, 'CODREB', 'RWA'));
    assert.ok(together(v, 'CODGOV', 'BDI'));
    assert.ok(proxy(v, 'RWA', 'CODREB', 'CODGOV'));
    // Congo shares no actor with Libya or Yemen (the UAE links those two: one system)
    for (const s of v.sides) {
      const congo = s.members.some((m) => ['CODGOV', 'CODREB', 'RWA', 'BDI'].includes(m.actor));
      const other = s.members.some((m) => !['CODGOV', 'CODREB', 'RWA', 'BDI'].includes(m.actor));
      assert.ok(!(congo && other), `side ${s.label} mixes unconnected conflicts`);
    }
    assertClaimsHaveEvidence(store, v);
  });
});
