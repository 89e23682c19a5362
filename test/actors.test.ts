import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { codeDoc } from '../src/pipeline.js';
import type { Doc, ActorMention } from '../src/core/doc.js';
import { defaultActors, loadPeople, loadNamed, loadAgents } from '../src/actors/defaults.js';
import { ActorDictionary } from '../src/actors/dictionary.js';
import { codeOn, parseDatedCode } from '../src/actors/model.js';
import { lookupName } from '../src/actors/lookup.js';
import { unknownActors } from '../src/actors/unknown.js';
import { parseDiscards } from '../src/actors/discards.js';
import { DyadError } from '../src/core/errors.js';

// Actor mentions checked directly (the case tables in test/cases/actors-*.tsv check the events).

function mention(doc: Doc, text: string): ActorMention {
  const m = doc.mentions.find((x) => x.text === text);
  assert.ok(m, `no mention '${text}' in [${doc.mentions.map((x) => x.text).join(', ')}]`);
  return m;
}

const codeOfName = (name: string, date: string) => mention(codeDoc(`${name} spoke.`, { date }), name.replace(/^The /, '')).code;

describe('actors: dated codes', () => {
  it('switches a person\'s code exactly at the interval boundaries', () => {
    assert.equal(codeOfName('Hulusi Akar', '2018-07-09'), 'TURMIL');
    assert.equal(codeOfName('Hulusi Akar', '2018-07-10'), 'TURGOV');
    assert.equal(codeOfName('Hulusi Akar', '2023-06-03'), 'TURGOV');
    assert.equal(codeOfName('Hulusi Akar', '2023-06-04'), 'TURLEG');
    assert.equal(codeOfName('Hulusi Akar', '2010-01-01'), 'TURELI', 'outside every term: the default');
  });

  it('gives a group a different code after it took power', () => {
    assert.equal(codeOfName('The Taliban', '2021-08-14'), 'AFGREB');
    assert.equal(codeOfName('The Taliban', '2021-08-15'), 'AFGGOV');
    assert.equal(codeOfName('The RSF', '2023-04-14'), 'SDNMIL');
    assert.equal(codeOfName('The RSF', '2023-04-15'), 'SDNREB');
  });

  it('re-codes actors on the event date when the event is dated before the publication', () => {
    const doc = codeDoc('In 2016, Hulusi Akar met the Iraqi defence minister in Baghdad.', { date: '2024-03-16', explain: true });
    const ev = doc.events.find((e) => e.cameo === '040')!;
    assert.equal(ev.date, '2016-01-01');
    assert.equal(ev.source.code, 'TURMIL');
    assert.equal(ev.target?.name, 'Khaled al-Obeidi', 'the title names the holder on the event date');
    assert.match(ev.explain!.source_entries.join(' '), /on the event date 2016-07-01: TURMIL/);
    assert.equal(mention(doc, 'Hulusi Akar').code, 'TURLEG', 'the mention keeps the publication-date code');
  });

  it('picks the narrowest interval and falls back to the undated code', () => {
    const e = { id: 'x', kind: 'person' as const, names: ['X'], label: 'X', origin: 't', codes: ['AAAELI', 'AAAMIL@2000-01-01..2010-12-31', 'AAAGOV@2005-01-01..2005-12-31'].map(parseDatedCode) };
    assert.equal(codeOn(e, '2005-06-01')?.code, 'AAAGOV');
    assert.equal(codeOn(e, '2004-06-01')?.code, 'AAAMIL');
    assert.equal(codeOn(e, '2011-01-01')?.code, 'AAAELI');
    const only = { ...e, codes: [parseDatedCode('AAAGOV@2005-01-01..')] };
    assert.equal(codeOn(only, '2004-12-31'), null);
  });

  it('every person in people.tsv has a default code and valid intervals', () => {
    const d = defaultActors();
    const people = d.entries.filter((e) => e.kind === 'person');
    assert.ok(people.length > 500, `only ${people.length} people`);
    for (const p of people) {
      assert.ok(p.codes.some((c) => !c.from && !c.to), `${p.id} has no default code`);
      for (const c of p.codes) if (c.from && c.to) assert.ok(c.from <= c.to, `${p.id}: ${c.from}..${c.to}`);
    }
  });
});

describe('actors: titles, metonyms, composition', () => {
  it('resolves a title to the country and names the office holder on the date', () => {
    const doc = codeDoc('The Turkish defence minister spoke.', { date: '2020-05-01' });
    const m = mention(doc, 'Turkish defence minister');
    assert.equal(m.code, 'TURGOV');
    assert.equal(m.name, 'Hulusi Akar');
    const later = mention(codeDoc('The Turkish defence minister spoke.', { date: '2024-05-01' }), 'Turkish defence minister');
    assert.equal(later.name, 'Yasar Guler');
  });

  it('reads "the president of Egypt" and "Libya\'s UN-backed government"', () => {
    assert.equal(mention(codeDoc('The president of Egypt spoke.', { date: '2020-05-01' }), 'president of Egypt').code, 'EGYGOV');
    const m = mention(codeDoc("Libya's UN-backed government spoke.", { date: '2020-05-01' }), "Libya's UN-backed government");
    assert.equal(m.code, 'LBYGOV');
    assert.equal(m.backedBy, 'IGOUNO');
  });

  it('gives "forces loyal to X" the code of X\'s group', () => {
    const doc = codeDoc('Forces loyal to Khalifa Haftar shelled Tripoli.', { date: '2020-05-01' });
    assert.equal(doc.mentions[0].code, 'LBYREB');
    assert.equal(doc.mentions[0].name, 'Khalifa Haftar');
  });

  it('keeps capitals as metonyms but not "Washington state" or "the Paris agreement"', () => {
    assert.equal(mention(codeDoc('The Kremlin spoke.', { date: '2020-05-01' }), 'Kremlin').code, 'RUSGOV');
    const ws = mention(codeDoc('Washington state sued the company.', { date: '2020-05-01' }), 'Washington state');
    assert.equal(ws.code, null);
    assert.equal(ws.name, 'Washington state');
    assert.ok(!codeDoc('The Paris agreement angered China.', { date: '2020-05-01' }).mentions.some((m) => m.code === 'FRAGOV'));
  });

  it('matches names across hyphens, diacritics and acronym dots, and keeps case rules', () => {
    assert.equal(codeOfName('Pedro Sánchez', '2020-01-01'), 'ESPGOV');
    assert.equal(codeOfName('Pedro Sanchez', '2020-01-01'), 'ESPGOV');
    assert.equal(codeOfName('Médecins Sans Frontières', '2020-01-01'), 'NGOHLHMSF');
    assert.equal(codeOfName('Al Shabaab', '2020-01-01'), 'SOMREB');
    assert.equal(codeOfName('The U.N.', '2020-01-01'), 'IGOUNO');
    const doc = codeDoc('They told us nothing.', { date: '2020-01-01' });
    assert.ok(!doc.mentions.some((m) => m.code === 'USA'), '"us" is not the United States');
  });

  it('does not take the backer of "Iranian-backed militias" as their country', () => {
    const doc = codeDoc('Iranian-backed militias attacked a US base in Syria.', { date: '2020-05-01' });
    const m = doc.mentions[0];
    assert.equal(m.backedBy, 'IRN');
    assert.notEqual(m.country, 'IRN');
  });
});

describe('actors: coreference', () => {
  it('resolves a pronoun and keeps both spans', () => {
    const doc = codeDoc('Khalifa Haftar arrived in Cairo. He met the Egyptian president.', { date: '2020-05-01' });
    const he = mention(doc, 'He');
    assert.equal(he.code, 'LBYREB');
    assert.equal(he.coref, 'pronoun');
    assert.deepEqual(he.antecedent, { start: 0, end: 2 });
    assert.equal(doc.spanText(he.start, he.end), 'He');
  });

  it('links a short name, a definite description and a chain to the first full name', () => {
    const doc = codeDoc('Abu Zaid Qaraqosh spoke in Mosul. Qaraqosh then left. Hakan Fidan arrived in Moscow. He met Lavrov. The Turkish minister later spoke.', { date: '2024-03-16' });
    const short = doc.mentions.find((m) => m.text === 'Qaraqosh')!;
    assert.equal(short.coref, 'name');
    assert.equal(doc.spanText(short.antecedent!.start, short.antecedent!.end), 'Abu Zaid Qaraqosh');
    const he = mention(doc, 'He');
    assert.equal(doc.spanText(he.antecedent!.start, he.antecedent!.end), 'Hakan Fidan');
    const desc = mention(doc, 'Turkish minister');
    assert.equal(desc.coref, 'description');
    assert.equal(desc.name, 'Hakan Fidan');
    assert.equal(desc.code, 'TURGOV');
  });

  it('resolves "the warlord", "the ministry", "the group" and "his forces"', () => {
    const w = codeDoc('Khalifa Haftar rejected the talks. The warlord attacked Tripoli.', { date: '2020-05-01' });
    assert.equal(mention(w, 'warlord').code, 'LBYREB');
    const min = codeDoc("Turkey's foreign ministry summoned the envoy. The ministry criticised Germany.", { date: '2020-05-01' });
    assert.equal(min.mentions.filter((m) => m.text === 'ministry').pop()!.code, 'TURGOV');
    const g = codeDoc('Hezbollah announced a new leader. The group attacked Israel.', { date: '2020-05-01' });
    assert.equal(mention(g, 'group').code, 'LBNREB');
    const f = codeDoc('Khalifa Haftar rejected the talks. His forces attacked Turkish troops.', { date: '2020-05-01' });
    assert.equal(mention(f, 'forces').code, 'LBYREB');
  });

  it('gives a first-person pronoun in a quote its speaker, before or after the quote', () => {
    const doc = codeDoc('"We condemn NATO," the Turkish foreign minister said.', { date: '2024-03-16' });
    const we = mention(doc, 'We');
    assert.equal(we.code, 'TURGOV');
    assert.equal(we.coref, 'speaker');
    const doc2 = codeDoc('Erdogan said on Monday: "We will not accept this."', { date: '2024-03-16' });
    assert.equal(mention(doc2, 'We').code, 'TURGOV');
  });
});

describe('actors: discards and unknown actors', () => {
  it('marks sports and market sentences discarded, with the reason', () => {
    const doc = codeDoc('Brazil beat Argentina 2-1 in the World Cup final. Turkey condemned Israel.', { date: '2024-03-16' });
    assert.match(doc.discarded.get(0) ?? '', /sports/);
    assert.ok(!doc.discarded.has(1));
    assert.equal(doc.events.length, 1);
  });

  it('a story-level discard discards every sentence', () => {
    const d = new ActorDictionary();
    d.addAll(defaultActors(), ['actors', 'agents']);
    parseDiscards('+Golden Goblin Cup\n', 'test', d.discards);
    const doc = codeDoc('Turkey condemned Israel. The Golden Goblin Cup starts today.', { date: '2024-03-16', actors: d });
    assert.equal(doc.discarded.size, 2);
    assert.equal(doc.events.length, 0);
  });

  it('keeps an unknown named actor with code null and lists it', () => {
    const doc = codeDoc('Abu Zaid Qaraqosh condemned Turkey.', { date: '2024-03-16' });
    const m = mention(doc, 'Abu Zaid Qaraqosh');
    assert.equal(m.code, null);
    assert.equal(m.kind, 'unknown');
    assert.deepEqual(unknownActors(doc), ['Abu Zaid Qaraqosh']);
    const partial = codeDoc('Abu Zaid Qaraqosh condemned Turkey.', { date: '2024-03-16', partial: true });
    assert.ok(partial.events.some((e) => e.source.code === null), 'kept with --partial');
  });

  it('matches discards after letters that lower-case to two characters, with the right phrase', () => {
    const list = parseDiscards('[sports]\nWorld Cup\n', 'test');
    const hit = list.match('İİİ İstanbul hosted the World Cup draw.', 'sentence');
    assert.ok(hit);
    assert.equal(hit.matched.toLowerCase(), 'world cup');
  });

  it('a word named like an object property ("constructor") is no subordinator or place noun', () => {
    const doc = codeDoc('The constructor of Kabul attacked Herat. Turkey condemned Israel.', { date: '2024-03-16' });
    assert.ok(doc.events.some((e) => e.source.code === 'TUR' && e.target?.code === 'ISR'));
    assert.ok(doc.clauses.every((c) => typeof c.kind === 'string'));
  });

  it('rejects a malformed discard regex with file:line', () => {
    assert.throws(() => parseDiscards('[sports]\n/(unclosed/\n', 'disc.txt'), (e: unknown) => e instanceof DyadError && e.code === 'E_DICT_SYNTAX' && e.where === 'disc.txt:2');
  });
});

describe('actors: data files and lookup', () => {
  it('reports data-file syntax errors with file:line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dyad-actors-'));
    try {
      const people = path.join(dir, 'people.tsv');
      writeFileSync(people, '# comment\nJane Doe	AAAGOV	2020-01-01	2019-01-01	pm\n');
      assert.throws(() => loadPeople(new ActorDictionary(), people), (e: unknown) => e instanceof DyadError && e.code === 'E_DICT_SYNTAX' && e.where === `${people}:2`);
      const named = path.join(dir, 'groups.tsv');
      writeFileSync(named, 'Some Group	not a code	group\n');
      assert.throws(() => loadNamed(new ActorDictionary(), named), (e: unknown) => e instanceof DyadError && e.where === `${named}:1`);
      const agents = path.join(dir, 'agents.tsv');
      writeFileSync(agents, 'soldier	MIL\nsailor\n');
      assert.throws(() => loadAgents(new ActorDictionary(), agents), (e: unknown) => e instanceof DyadError && e.where === `${agents}:2`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('looks a name up with the interval used on the date', () => {
    const [r] = lookupName(defaultActors(), 'Hulusi Akar', '2020-05-01');
    assert.equal(r.entry.label, 'Hulusi Akar');
    assert.equal(r.used?.code, 'TURGOV');
    assert.equal(r.used?.from, '2018-07-10');
    assert.ok(r.codes.length >= 4);
  });
});
