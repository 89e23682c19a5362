import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, ROOT, SHARED_EVAL } from './helpers.js';
import { codeDoc } from '../src/pipeline.js';
import { DyadError } from '../src/core/errors.js';
import { parsePetrActors } from '../src/dict/petr-actors.js';
import { parsePetrAgents, parsePetrDiscards } from '../src/dict/petr-agents.js';
import { convertPetrVerbs } from '../src/dict/petr-verbs.js';
import { importDictionaries, readBundle } from '../src/dict/bundle.js';
import { loadDictBundle, fromBundle } from '../src/dict/load.js';
import { parsePatterns } from '../src/events/dictionary.js';

// Synthetic PETRARCH/TABARI dictionaries written for these tests.
const ACTORS = `<!-- test actors -->
ARNOR_  [ARN]
+ARNORIAN
GOLLUM  # dated codes
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB >990816]
WHITE_COUNCIL [IGOWIZ]
FANGORN_GUARD
	[ENTMIL]
`;
const AGENTS = `!PERSON! = MAN, MEN, WOMAN
POLICE {} [~COP]
SECURITY!PERSON! [~SPY]
HUMAN_RIGHTS_BODY [NGO~]
ISLAMIC_EXTREMIST
`;
const VERBS_P2 = `####### SYNONYM SETS #######
&AIDWORD
+AID
+HUMANITARIAN_ASSISTANCE
####### VERB PATTERNS #######
---  ATTACK   [190]  ---
ATTACK
ASSAULT [180]
+CORDON_OFF
- * {AIR RAIDS}                 [195]  # ATTACK
- * (WITH ARTILLERY)            [194]
- * &AIDWORD (TO +)             [070]
- BUSINESS * (IN STRIKE)        [143]
- * + THAT $ WILL PULLOUT       [0356]
- * CONVOY                      [:190]
######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
`;
const VERBS_P1 = `--- ABANDON  [345]  ---
ABANDON    # pas
KLM_NOP_+RST [002]
- * NEW_&TIETYPES_RELATIONS [903]
- * DIPLOMATIC TIES [901]
- * BRIBES/GIFTS [902] ;tony 3/9/91
&TIETYPES
+MILITARY
+ECONOMIC
--- LASH OUT  [122] ---
LASH OUT
`;
const DISCARDS = `+World Golf Championships   # pas
AFRICAN NATIONS CUP
BASEBALL_
`;

describe('dict: PETRARCH readers', () => {
  it('reads actors with synonyms and date restrictions (<D ends the day before D, >D starts on D)', () => {
    const r = parsePetrActors(ACTORS, 'test.actors.txt');
    assert.equal(r.counts.entries, 4);
    const g = r.entries.find((e) => e.label === 'GOLLUM')!;
    assert.deepEqual(g.names, ['GOLLUM', 'SMEAGOL']);
    assert.equal(g.kind, 'person');
    assert.deepEqual(g.codes.map((c) => [c.code, c.from, c.to]), [['HOB', null, '1995-05-31'], ['HOBGOV', '1995-06-01', '1999-08-15'], ['HOBREB', '1999-08-16', null]]);
    assert.equal(r.entries[0].kind, 'country');
    assert.equal(r.entries.find((e) => e.label === 'WHITE COUNCIL')!.kind, 'igo');
    assert.deepEqual(r.entries.find((e) => e.label === 'FANGORN GUARD')!.codes.map((c) => c.code), ['ENTMIL']);
  });

  it('keeps a bad date as a warning and reports syntax errors with file:line', () => {
    const r = parsePetrActors('BAD_DATES\n\t[XXXGOV 2004017-20061201]\n\t[XXX]\n', 'a.txt');
    assert.equal(r.counts.badDates, 1);
    assert.deepEqual(r.entries[0].codes.map((c) => c.code), ['XXX']);
    assert.match(r.warnings[0], /^a\.txt:2: /);
    const isSyntax = (where: string) => (e: unknown) => e instanceof DyadError && e.code === 'E_DICT_SYNTAX' && e.where === where;
    assert.throws(() => parsePetrActors('ARNOR [ARN\n', 'a.txt'), isSyntax('a.txt:1'));
    assert.throws(() => parsePetrActors('# x\n+SYNONYM_FIRST\n', 'a.txt'), isSyntax('a.txt:2'));
    assert.throws(() => parsePetrActors('ARNOR [ARN]\n<!-- never closed\n', 'a.txt'), isSyntax('a.txt:2'));
    assert.throws(() => convertPetrVerbs('--- ATTACK [190] ---\nATTACK\n- * TROOPS\n', 'v.txt'), isSyntax('v.txt:3'));
  });

  it('reads agents with plurals, substitution sets and prefix codes', () => {
    const r = parsePetrAgents(AGENTS, 'ag.txt');
    const by = new Map(r.agents.map((a) => [a.phrase, a]));
    assert.equal(by.get('police')!.sector, 'COP');
    assert.ok(by.has('securityman') && by.has('securitymen') && by.has('securitywoman'));
    assert.equal(by.get('human rights body')!.prefix, true);
    assert.equal(r.counts.skipped, 1, 'an agent without a code is skipped');
  });

  it('reads discards: + is story-level, a trailing _ is a whole word', () => {
    const r = parsePetrDiscards(DISCARDS, 'd.txt');
    assert.deepEqual(r.rules.map((x) => [x.phrase, x.scope, x.stem]), [['World Golf Championships', 'story', true], ['AFRICAN NATIONS CUP', 'sentence', true], ['BASEBALL', 'sentence', false]]);
  });

  it('converts PETRARCH-2 verb patterns into dyad syntax and counts what it skips', () => {
    const r = convertPetrVerbs(VERBS_P2, 'CAMEO.test.txt');
    const lines = r.text.split('\n');
    assert.ok(lines.includes('&AIDWORD = aid|humanitarian_assistance'));
    assert.ok(lines.includes('attack [190]') && lines.includes('assault [180]') && lines.includes('cordon off [190]'));
    assert.ok(lines.some((l) => l.startsWith('attack|assault air_raids [195]')));
    assert.ok(lines.some((l) => l.startsWith('attack|assault with artillery [194]')));
    assert.ok(lines.some((l) => l.startsWith('attack|assault &AIDWORD to * [070]')));
    assert.ok(lines.some((l) => l.startsWith('cordon off with artillery [194]')));
    // words before the verb go before '>' (PETRARCH-2 reads them between the source and the verb)
    assert.ok(lines.some((l) => l.startsWith('business > attack|assault in strike [143]')));
    assert.equal(r.counts.converted, 4);
    assert.deepEqual(r.counts.skippedBy, { 'source after the verb': 1, 'code is not a CAMEO event code': 1 });
    assert.equal(r.counts.transformations, 1);
    const d = parsePatterns(r.text, 'converted');
    assert.ok(d.byHead.get('attack')!.some((p) => p.code === '070'));
  });

  it('converts PETRARCH-1 (TABARI) verb patterns: glued words, alternatives, late synsets, spaced verbs', () => {
    const r = convertPetrVerbs(VERBS_P1, 'PETR.test.verbs.txt');
    const lines = r.text.split('\n');
    assert.ok(lines.includes('&TIETYPES = military|economic'));
    assert.ok(lines.some((l) => l.startsWith('abandon new_&TIETYPES_relations [903]')));
    assert.ok(lines.some((l) => l.startsWith('abandon diplomatic ties [901]')));
    assert.ok(lines.some((l) => l.startsWith('abandon bribes|gifts [902]')));
    assert.ok(lines.includes('lash out [122]'));
    assert.equal(r.counts.skippedBy['verb with words before it'], 1);
    parsePatterns(r.text, 'converted');
  });
});

describe('dict: words before the verb and compound subjects in patterns', () => {
  const SETS = '&NEG = did_not|will_not|never\n';
  const code = (patterns: string, text: string) => {
    const verbs = parsePatterns(SETS + patterns, 'test.txt');
    return codeDoc(text, { date: '2024-03-16', verbs, grammar: 'literal', anyCode: true }).events.map((e) => `${e.source.code} ${e.cameo} ${e.target?.code ?? '-'}`);
  };
  it("'before > verb' needs the words before the verb, in order, gaps allowed", () => {
    const p = 'clash [190]\nsaid would > clash [138]\n';
    assert.deepEqual(code(p, 'Egypt said it would clash with Libya.'), ['EGY 138 LBY']);
    assert.deepEqual(code(p, 'Egypt would clash with Libya.'), ['EGY 190 LBY'], "'said' is missing: the bare verb");
    assert.deepEqual(code(p, 'Egypt would say that it will clash with Libya.'), ['EGY 190 LBY'], "'would' before 'said' is out of order");
  });
  it("'>>' wants the last word right before the verb; '_' joins words and sets into one consecutive element", () => {
    const p = 'clash [190]\nrecently >> clash [191]\nmost_certainly_&NEG > clash [192]\n&NEG > clash [193]\n';
    assert.deepEqual(code(p, 'Egypt recently clashed with Libya.'), ['EGY 191 LBY']);
    assert.deepEqual(code(p, 'Egypt recently did clash with Libya.'), ['EGY 190 LBY'], "'did' stands between");
    assert.deepEqual(code(p, 'Egypt most certainly did not clash with Libya.'), ['EGY 192 LBY'], 'the longer consecutive element wins');
    assert.deepEqual(code(p, 'Egypt most certainly really did not clash with Libya.'), ['EGY 193 LBY'], "'really' breaks 'most certainly did not'");
  });
  it("'%' codes the event between the actors of a compound subject", () => {
    const p = 'postpone [190]\n% > postpone [191]\n';
    assert.deepEqual(code(p, 'Egypt and Libya postponed their meeting.').sort(), ['EGY 191 LBY', 'LBY 191 EGY']);
    const one = code(p, 'Egypt postponed its meeting with Libya.');
    assert.ok(one.includes('EGY 190 LBY') && !one.some((e) => e.includes(' 191 ')), 'one actor: no compound');
  });
  it('rejects a target slot before the verb and "%" with a target', () => {
    assert.throws(() => parsePatterns('* > clash [190]\n', 'x.txt'), (e: unknown) => e instanceof DyadError && e.code === 'E_DICT_SYNTAX');
    assert.throws(() => parsePatterns('% > clash with * [190]\n', 'x.txt'), (e: unknown) => e instanceof DyadError && e.code === 'E_DICT_SYNTAX');
    assert.throws(() => parsePatterns('> clash [190]\n', 'x.txt'), (e: unknown) => e instanceof DyadError && e.code === 'E_DICT_SYNTAX');
  });
});

describe('dict: bundles and coding with them', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dyad-dict-'));
    writeFileSync(path.join(dir, 'test.actors.txt'), ACTORS);
    writeFileSync(path.join(dir, 'test.agents.txt'), AGENTS);
    writeFileSync(path.join(dir, 'test.discards.txt'), DISCARDS);
    writeFileSync(path.join(dir, 'README.md'), 'not a dictionary');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a folder and codes with it, switching a dated code at its boundary', () => {
    const d = loadDictBundle(dir);
    const on = (date: string) => codeDoc('Smeagol condemned Arnor.', { date, actors: d.actors }).mentions[0].code;
    assert.equal(on('1995-05-31'), 'HOB');
    assert.equal(on('1995-06-01'), 'HOBGOV');
    assert.equal(on('1999-08-15'), 'HOBGOV');
    assert.equal(on('1999-08-16'), 'HOBREB');
    const police = codeDoc('Arnorian police arrested a journalist.', { date: '2000-01-01', actors: d.actors }).mentions[0];
    assert.equal(police.code, 'ARNCOP');
    const doc = codeDoc('Arnor condemned Smeagol. Arnor is about to restore the World Golf Championships.', { date: '2000-01-01', actors: d.actors });
    assert.equal(doc.discarded.size, 2, 'a story discard from the bundle');
  });

  it('replace mode drops the default actors; add mode keeps them under the bundle', () => {
    const bundle = importDictionaries([dir]);
    const replace = fromBundle(bundle, 'replace');
    const add = fromBundle(bundle, 'add');
    const turkey = (a: typeof replace) => codeDoc('Turkey condemned Arnor.', { date: '2000-01-01', actors: a.actors }).mentions.map((m) => m.code);
    assert.deepEqual(turkey(replace), [null, 'ARN'], 'Turkey is unknown without the defaults');
    assert.ok(turkey(add).includes('TUR') && turkey(add).includes('ARN'));
  });

  it('dyad dict import writes a bundle that dyad code --dict and dyad actors lookup read', () => {
    const out = path.join(dir, 'bundle.json');
    const r = spawnSync(process.execPath, [BIN, 'dict', 'import', dir, '--out', out], { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 0, r.stderr);
    const b = readBundle(out);
    assert.equal(b.actors.length, 4);
    assert.match(r.stderr, /wrote .*bundle\.json: 4 actors/);
    const art = path.join(dir, 'art.txt');
    writeFileSync(art, 'Arnor condemned Smeagol.');
    const c = spawnSync(process.execPath, [BIN, 'code', art, '--date', '1997-01-01', '--dict', out, '--dict-mode', 'add'], { encoding: 'utf8', cwd: ROOT });
    assert.equal(c.status, 0, c.stderr);
    const ev = c.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(ev.map((e) => `${e.source.code} ${e.cameo} ${e.target.code}`), ['ARN 111 HOBGOV']);
    const l = spawnSync(process.execPath, [BIN, 'actors', 'lookup', 'Smeagol', '--date', '1999-08-16', '--dict', out], { encoding: 'utf8', cwd: ROOT });
    assert.equal(l.status, 0, l.stderr);
    assert.match(l.stdout, /→ HOBREB\s+1999-08-16\.\.…\s+← used on 1999-08-16/);
    assert.match(l.stdout, /HOBGOV\s+1995-06-01\.\.1999-08-15/);
    const bad = path.join(dir, 'broken.actors.txt');
    writeFileSync(bad, 'ARNOR [ARN\n');
    const e = spawnSync(process.execPath, [BIN, 'dict', 'import', bad, '--out', path.join(dir, 'x.json')], { encoding: 'utf8', cwd: ROOT });
    assert.equal(e.status, 2);
    assert.match(e.stderr, /E_DICT_SYNTAX: broken\.actors\.txt:1: /);
  });

  it('dyad code --unknown-actors lists unknown names with counts on stderr', () => {
    const art = path.join(dir, 'unknown.txt');
    writeFileSync(art, 'Abu Zaid Qaraqosh condemned Turkey. Abu Zaid Qaraqosh met the Kurdistan Liberation Vanguard.');
    const r = spawnSync(process.execPath, [BIN, 'code', art, '--date', '2024-03-16', '--unknown-actors'], { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /unknown actors: 2 name/);
    assert.match(r.stderr, /^Abu Zaid Qaraqosh\t2$/m);
    assert.match(r.stderr, /^Kurdistan Liberation Vanguard\t1$/m);
  });
});

// The shared copies of the Phoenix dictionaries and the PETRARCH validation files (skip when absent).
const PHOENIX = path.join(SHARED_EVAL, 'dictionaries');
const VALIDATE = path.join(SHARED_EVAL, 'petrarch-validation');

describe('dict: shared PETRARCH dictionaries', { skip: existsSync(PHOENIX) ? false : `no shared eval data at ${PHOENIX}` }, () => {
  it('imports the Phoenix dictionaries with zero errors and uses them', () => {
    const b = importDictionaries([PHOENIX]);
    assert.ok(b.actors.length > 25000, `${b.actors.length} actors`);
    assert.ok(b.agents.length > 3000);
    assert.ok(b.discards.length > 500);
    const verbs = b.sources.find((s) => s.type === 'verbs')!.counts as { converted: number; patterns: number };
    assert.ok(verbs.converted > 4000 && verbs.converted <= verbs.patterns);
    const d = fromBundle(b, 'replace');
    // a Phoenix date restriction: Mohammad Zahir Shah is AFGGOV until 1973-07-17, AFGELI from that day
    const zahir = (date: string) => codeDoc('Mohammad Zahir Shah spoke.', { date, actors: d.actors, verbs: d.verbs }).mentions[0].code;
    assert.equal(zahir('1973-07-16'), 'AFGGOV');
    assert.equal(zahir('1973-07-18'), 'AFGELI');
    const doc = codeDoc('Recep Tayyip Erdogan met Barack Obama.', { date: '2012-01-01', actors: d.actors, verbs: d.verbs, nouns: d.nouns });
    assert.deepEqual(doc.mentions.map((m) => m.code), ['TURGOV', 'USAGOV']);
    assert.ok(doc.events.length >= 1, 'coded with the converted CAMEO.2.0 verbs');
  });

  it('imports PETR.Validate.* and reproduces the validation date restrictions', { skip: existsSync(VALIDATE) ? false : `no ${VALIDATE}` }, () => {
    const d = loadDictBundle(VALIDATE);
    assert.ok(d.verbs && d.verbs.size > 0);
    const sam = (date: string) => codeDoc('Sam Gamgee met a bunch of Morgul Orcs.', { date, actors: d.actors, verbs: d.verbs }).mentions[0].code;
    assert.equal(sam('2008-01-19'), 'HOBCIV');
    assert.equal(sam('2010-01-09'), 'ORCHOB');
    assert.equal(sam('2010-01-13'), 'HOBMIL');
    assert.equal(sam('2012-11-09'), 'HOBGOV');
    assert.equal(sam('2013-06-01'), 'HOBELI');
    const disc = codeDoc('Arnor is about to restore the World Golf Championships to Gondor.', { date: '1995-01-01', actors: d.actors, verbs: d.verbs });
    assert.equal(disc.discarded.size, 1);
    assert.match(readFileSync(path.join(VALIDATE, 'PETR.Validate.actors.txt'), 'utf8'), /GOLLUM/);
  });
});
