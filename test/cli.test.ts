import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, ROOT } from './helpers.js';

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const ARTICLE = 'Washington imposed new sanctions on Tehran. Egypt and Greece signed a maritime agreement.';

describe('dyad code CLI', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dyad-cli-'));
    writeFileSync(path.join(dir, 'good.txt'), ARTICLE);
    writeFileSync(path.join(dir, 'empty.txt'), '   \n\n');
    writeFileSync(path.join(dir, 'binary.bin'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]));
    writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x73, 0x61, 0x69, 0x64]));
    writeFileSync(path.join(dir, 'bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE)]));
    writeFileSync(path.join(dir, 'docs.jsonl'), [
      JSON.stringify({ id: 'a1', date: '2020-12-27', text: 'Turkey condemned Greece.' }),
      '{not json',
      JSON.stringify({ id: 'a3', text: 'Russia attacked Ukraine.' }),
      JSON.stringify({ id: 'a4', date: '2020-13-45', text: 'Iran praised Iraq.' }),
    ].join('\n'));
    mkdirSync(path.join(dir, 'folder'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('codes a file to JSONL with the documented fields', () => {
    const r = run(['code', '--date', '2024-03-16', path.join(dir, 'good.txt')]);
    assert.equal(r.code, 0, r.err);
    const events = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(events.length >= 3);
    const keys = ['id', 'doc_id', 'sentence', 'date', 'date_precision', 'source', 'target', 'cameo', 'cameo_root', 'quad_class', 'goldstein', 'plover', 'location', 'negated', 'conditional', 'quote', 'speaker', 'confidence', 'evidence'];
    for (const k of keys) assert.ok(k in events[0], `missing field ${k}`);
    const s = events.find((e) => e.cameo === '163');
    assert.equal(s.source.code, 'USAGOV');
    assert.equal(s.target.code, 'IRNGOV');
    assert.equal(s.quad_class, 4);
    assert.equal(s.goldstein, -8);
    assert.equal(ARTICLE.slice(s.evidence.start, s.evidence.end), s.evidence.text);
    assert.equal(s.doc_id, 'good');
  });

  it('reads stdin with "-" and with no file, and says the default date on stderr', () => {
    const a = run(['code', '-'], ARTICLE);
    assert.equal(a.code, 0);
    assert.match(a.err, /no --date given; using today/);
    assert.ok(a.out.includes('"cameo":"163"'));
    const b = run(['code', '--date', '2024-03-16', '--id', 'wire-1'], ARTICLE);
    assert.equal(b.code, 0);
    assert.ok(b.out.includes('"doc_id":"wire-1"'));
  });

  it('prints json and csv', () => {
    const j = run(['code', '--date', '2024-03-16', '--format', 'json', path.join(dir, 'good.txt')]);
    assert.equal(j.code, 0);
    assert.ok(Array.isArray(JSON.parse(j.out)));
    const c = run(['code', '--date', '2024-03-16', '--format', 'csv', path.join(dir, 'good.txt')]);
    assert.equal(c.code, 0);
    const lines = c.out.trim().split('\n');
    assert.match(lines[0], /^id,doc_id,sentence,date,/);
    assert.ok(lines.length >= 4);
  });

  it('drops a UTF-8 BOM and keeps offsets on the text without it', () => {
    const r = run(['code', '--date', '2024-03-16', path.join(dir, 'bom.txt')]);
    assert.equal(r.code, 0, r.err);
    const e = JSON.parse(r.out.trim().split('\n')[0]);
    assert.equal(ARTICLE.slice(e.evidence.start, e.evidence.end), e.evidence.text);
  });

  const errorCases: [string, string[], string | undefined, number, RegExp][] = [
    ['empty input', ['code', '--date', '2024-03-16', 'EMPTY'], undefined, 1, /E_INPUT_EMPTY/],
    ['empty stdin', ['code', '--date', '2024-03-16', '-'], '', 1, /E_INPUT_EMPTY/],
    ['binary input', ['code', '--date', '2024-03-16', 'BINARY'], undefined, 1, /E_INPUT_BINARY/],
    ['invalid UTF-8', ['code', '--date', '2024-03-16', 'LATIN1'], undefined, 1, /E_INPUT_BINARY: .*not valid UTF-8/],
    ['a directory', ['code', '--date', '2024-03-16', 'FOLDER'], undefined, 1, /E_INPUT_IS_DIR/],
    ['a missing file', ['code', '--date', '2024-03-16', 'MISSING'], undefined, 1, /E_INPUT_NOT_FOUND/],
    ['an invalid --date', ['code', '--date', '2024-02-30', 'GOOD'], undefined, 2, /E_DATE_INVALID/],
    ['a malformed --date', ['code', '--date', 'yesterday', 'GOOD'], undefined, 2, /E_DATE_INVALID/],
    ['an unknown format', ['code', '--format', 'xml', 'GOOD'], undefined, 2, /E_FORMAT/],
    ['an unknown option', ['code', '--frobnicate', 'GOOD'], undefined, 2, /E_USAGE/],
    ['an unknown command', ['frobnicate'], undefined, 2, /E_USAGE: unknown command/],
    ['--id with two inputs', ['code', '--id', 'x', 'GOOD', 'GOOD'], undefined, 2, /E_USAGE/],
  ];
  for (const [name, args, input, code, re] of errorCases) {
    it(`reports ${name} with a code, one line, no stack trace`, () => {
      const files: Record<string, string> = {
        EMPTY: 'empty.txt', BINARY: 'binary.bin', LATIN1: 'latin1.txt', FOLDER: 'folder', MISSING: 'nope.txt', GOOD: 'good.txt',
      };
      const r = run(args.map((a) => (files[a] ? path.join(dir, files[a]) : a)), input);
      assert.equal(r.code, code, r.err);
      assert.match(r.err, re);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    });
  }

  it('keeps coding the other files when one fails, and exits 1', () => {
    const r = run(['code', '--date', '2024-03-16', path.join(dir, 'nope.txt'), path.join(dir, 'good.txt'), path.join(dir, 'empty.txt')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /E_INPUT_NOT_FOUND/);
    assert.match(r.err, /E_INPUT_EMPTY/);
    assert.ok(r.out.includes('"cameo":"163"'), 'the good file was coded');
  });

  it('codes JSONL with per-document dates and reports bad lines with file:line', () => {
    const r = run(['code', '--date', '2024-03-16', path.join(dir, 'docs.jsonl')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /E_INPUT_JSONL: .*docs\.jsonl:2/);
    assert.match(r.err, /E_DATE_INVALID: .*docs\.jsonl:4/);
    const events = r.out.trim().split('\n').map((l) => JSON.parse(l));
    const a1 = events.find((e) => e.doc_id === 'a1');
    const a3 = events.find((e) => e.doc_id === 'a3');
    assert.equal(a1.source.code, 'TUR');
    assert.equal(a3.cameo, '190');
  });

  it('explains an event with its pattern, rules and dictionary entries', () => {
    const r = run(['code', '--date', '2020-12-27', '--explain'], "Turkey's defence minister Hulusi Akar said that Haftar's forces would be a legitimate target if they attacked Turkish troops.");
    assert.equal(r.code, 0, r.err);
    const e = JSON.parse(r.out.trim().split('\n')[0]);
    assert.equal(e.cameo, '138');
    assert.ok(e.explain.rules.length > 0);
    assert.ok(e.explain.source_entries.some((x: string) => /2018-07-10/.test(x)), 'dated interval shown');
  });

  it('prints help', () => {
    const r = run(['code', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /usage: dyad code/);
  });
});

describe('dyad code output', () => {
  it('stops quietly when its reader goes away (| head)', () => {
    const r = spawnSync('bash', ['-c', `node ${BIN} code --date 2020-12-27 ${path.join(ROOT, 'examples')}/*.txt | head -c 10 > /dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    assert.equal(r.stdout.trim(), '0', r.stderr);
    assert.doesNotMatch(r.stderr, /EPIPE/);
  });
});

describe('dyad code on a JSONL file: batched', () => {
  it('codes more articles than one batch (BATCH_DOCS) exactly as one at a time, in input order, failing articles alone', async () => {
    const { codeDoc } = await import('../src/pipeline.js');
    const { BATCH_DOCS, batchesOf } = await import('../src/batch.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'dyad-batch-'));
    try {
      const texts = ['Turkey condemned Greece.', 'Russian troops shelled Kharkiv on Monday.', 'Egypt and Greece signed a maritime agreement.', 'Iran praised Iraq.', 'Washington imposed new sanctions on Tehran.'];
      const lines: string[] = [];
      for (let i = 0; i < BATCH_DOCS + 20; i++) {
        if (i === 30) lines.push(JSON.stringify({ id: 'empty', text: '  ' })); // fails alone, in its place
        if (i === 70) lines.push(JSON.stringify({ id: 'page', text: '<p>Iran praised Iraq.</p>' })); // plain text: the tags are text
        lines.push(JSON.stringify({ id: `a${i}`, date: `2020-0${1 + (i % 9)}-1${i % 10}`, text: texts[i % texts.length] }));
      }
      const file = path.join(dir, 'many.jsonl');
      writeFileSync(file, lines.join('\n') + '\n');
      const r = run(['code', '--date', '2021-06-01', file]);
      assert.equal(r.code, 1, r.err); // the empty article fails; the others are coded
      assert.match(r.err, /E_INPUT_EMPTY: .*many\.jsonl:31/);
      const expected: string[] = [];
      for (const l of lines) {
        const d = JSON.parse(l) as { id: string; date?: string; text: string };
        if (!d.text.trim()) continue;
        for (const ev of codeDoc(d.text, { id: d.id, date: d.date ?? '2021-06-01' }).events) expected.push(JSON.stringify(ev));
      }
      assert.ok(batchesOf(lines, (l) => (JSON.parse(l) as { text: string }).text.length).length >= 2); // more than one batch
      assert.deepEqual(r.out.trim().split('\n'), expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
