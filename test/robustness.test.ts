/**
 * The nasty-input corpus (test/fixtures/nasty/) through the CLI and the library, and the size guards: every
 * file is coded or refused with its input error code, one line, no stack trace, never E_INTERNAL; every
 * event's evidence is the slice of the text that was coded (and, for HTML, lies in the original).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { code, DyadError } from '../src/index.js';
import { decodeInput } from '../src/core/input.js';
import { extractHtml } from '../src/core/html.js';
import { WINDOW_CHARS } from '../src/windows.js';
import { BIN, ROOT } from './helpers.js';
import { checkEvent, codeChecked } from './fuzz-check.js';

const NASTY = path.join(ROOT, 'test', 'fixtures', 'nasty');

/** files the CLI must refuse, with the error it must give; every other file must code (exit 0 on its own) */
const REFUSED: Record<string, RegExp> = {
  'nul-byte.txt': /E_INPUT_BINARY: .*nul-byte\.txt: input looks binary \(NUL byte at offset 15\)/,
  'latin1.txt': /E_INPUT_BINARY: .*latin1\.txt: input is not valid UTF-8 \(byte offset 3\)/,
  'truncated-utf8.txt': /E_INPUT_BINARY: .*truncated-utf8\.txt: input is not valid UTF-8 \(truncated character at the end, byte offset 34\)/,
  'overlong-utf8.txt': /E_INPUT_BINARY: .*overlong-utf8\.txt: input is not valid UTF-8 \(byte offset 24\)/,
  'surrogate-utf8.txt': /E_INPUT_BINARY: .*surrogate-utf8\.txt: input is not valid UTF-8 \(byte offset 24\)/,
  'unicode-spaces-only.txt': /E_INPUT_EMPTY: .*unicode-spaces-only\.txt: input is empty/,
  'only-markup.html': /E_INPUT_EMPTY: .*only-markup\.html: no text left after removing the HTML markup/,
};
/** files in scripts without Latin letters: nothing may be coded from them */
const NO_EVENTS = ['rtl-arabic.txt', 'cjk.txt', 'zero-width-only.txt', 'only-punctuation.txt'];

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function cleanStderr(err: string): void {
  for (const line of err.split('\n').filter(Boolean)) {
    assert.match(line, /^dyad: /, `stderr line: ${line}`);
    assert.doesNotMatch(line, /E_INTERNAL/);
  }
  assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
}

describe('nasty inputs through dyad code', () => {
  const files = readdirSync(NASTY).filter((f) => !f.endsWith('.jsonl') && !f.endsWith('.md')).sort();

  it('codes or refuses every file with a clear one-line error, and keeps going', () => {
    assert.ok(files.length >= 30, `corpus of ${files.length} files`);
    const r = run(['code', '--date', '2024-03-16', ...files.map((f) => path.join(NASTY, f))]);
    cleanStderr(r.err);
    assert.equal(r.code, 1, 'some inputs are refused, the others coded');
    for (const [f, re] of Object.entries(REFUSED)) assert.match(r.err, re, f);
    const refusedLines = r.err.split('\n').filter((l) => /E_INPUT/.test(l));
    assert.equal(refusedLines.length, Object.keys(REFUSED).length, refusedLines.join('\n'));
    const events = r.out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const byDoc = new Map<string, typeof events>();
    for (const e of events) byDoc.set(e.doc_id, [...(byDoc.get(e.doc_id) ?? []), e]);
    for (const f of files) {
      if (REFUSED[f]) continue;
      const raw = decodeInput(readFileSync(path.join(NASTY, f)));
      const html = f.endsWith('.html');
      const text = html ? extractHtml(raw).text : raw;
      const evs = byDoc.get(f.replace(/\.[^.]+$/, '')) ?? [];
      for (const e of evs) {
        checkEvent(text, e, Number.MAX_SAFE_INTEGER);
        if (html) assert.ok(e.evidence.source_start >= 0 && e.evidence.source_end <= raw.length && e.evidence.source_start < e.evidence.source_end, f);
        else assert.equal(e.evidence.source_start, undefined, 'no source offsets for plain text');
      }
      if (NO_EVENTS.includes(f)) assert.equal(evs.length, 0, `${f}: no events invented`);
    }
    // the page's events come from its article, not its navigation, scripts, comments, image alt text or footer
    const page = (byDoc.get('page') ?? []).map((e) => `${e.source.country} ${e.target?.country}`);
    assert.ok(page.includes('RUS UKR'), page.join('; '));
    for (const bad of ['EGY LBY', 'ISR SYR', 'CHN JPN', 'IRN IRQ', 'PAK IND', 'QAT OMN']) assert.ok(!page.includes(bad), `${bad} from boilerplate`);
  });

  it('codes the same files through the library with valid layers', () => {
    for (const f of files) {
      if (REFUSED[f]) continue;
      const raw = decodeInput(readFileSync(path.join(NASTY, f)));
      const doc = codeChecked(raw, { html: f.endsWith('.html'), partial: true, negated: true });
      assert.ok(doc, f);
    }
  });

  it('reports every bad JSONL line with file:line and codes the good ones (BOM, CRLF, blank lines)', () => {
    const file = path.join(NASTY, 'edge.jsonl');
    const r = run(['code', '--date', '2024-03-16', file]);
    cleanStderr(r.err);
    assert.equal(r.code, 1);
    for (const [line, code] of [[4, 'E_INPUT_JSONL'], [5, 'E_INPUT_JSONL'], [6, 'E_INPUT_JSONL'], [7, 'E_INPUT_JSONL'], [8, 'E_INPUT_EMPTY'], [9, 'E_INPUT_BINARY'], [10, 'E_DATE_INVALID']] as const) {
      assert.match(r.err, new RegExp(`${code}: .*edge\\.jsonl:${line}\\b`), `line ${line}`);
    }
    assert.match(r.err, /7 input\(s\) failed/);
    const docs = new Set(r.out.trim().split('\n').map((l) => JSON.parse(l).doc_id));
    for (const id of ['ok1', 'time', 'lone', 'tabbed', 'deep', 'html']) assert.ok(docs.has(id), id);
  });

  it('streams --format json exactly as one JSON array, and agrees with jsonl', () => {
    const file = path.join(NASTY, 'edge.jsonl');
    const j = run(['code', '--date', '2024-03-16', '--format', 'json', file]);
    const l = run(['code', '--date', '2024-03-16', file]);
    const events = l.out.trim().split('\n').map((x) => JSON.parse(x));
    assert.equal(j.out, JSON.stringify(events, null, 2) + '\n');
    const empty = run(['code', '--date', '2024-03-16', '--format', 'json', path.join(NASTY, 'cjk.txt')]);
    assert.equal(empty.out, '[]\n');
  });

  it('reads HTML from stdin with --html and gives offsets into the HTML', () => {
    const html = '<p>Russia&nbsp;attacked <b>Ukraine</b>.</p>';
    const r = run(['code', '--date', '2024-03-16', '--html'], html);
    assert.equal(r.code, 0, r.err);
    const e = JSON.parse(r.out.trim().split('\n')[0]);
    assert.match(e.evidence.text, /^Russia\u00a0attacked Ukraine/);
    assert.match(html.slice(e.evidence.source_start, e.evidence.source_end), /^Russia&nbsp;attacked <b>Ukraine<\/b>/);
  });
});

describe('size guards', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'dyad-robust-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('codes a 1 MB single-line input (split into bounded sentences) with valid evidence', () => {
    let text = '';
    for (let i = 0; text.length < 1_000_000; i++) text += `Russia attacked Ukraine, and Turkey condemned Greece ${i % 3 ? 'while' : 'as'} `;
    const t0 = performance.now();
    const events = code(text, { date: '2024-03-16' });
    const ms = performance.now() - t0;
    assert.ok(events.length > 100);
    for (const e of events) checkEvent(text, e, Number.MAX_SAFE_INTEGER);
    console.log(`# 1 MB single line: ${events.length} events in ${(ms / 1000).toFixed(1)} s`);
  });

  it('codes a text larger than one window in windows, offsets and ids on the whole text', () => {
    const para = 'Russia attacked Ukraine on Monday. Turkey condemned Greece, officials said.\n\n';
    const text = para.repeat(Math.ceil((WINDOW_CHARS * 1.3) / para.length));
    const events = code(text, { date: '2024-03-16', id: 'big' });
    const ids = new Set(events.map((e) => e.id));
    assert.equal(ids.size, events.length, 'unique ids');
    for (const e of events) checkEvent(text, e, Number.MAX_SAFE_INTEGER);
    assert.ok(events[events.length - 1].evidence.end > WINDOW_CHARS, 'events from the second window');
    assert.equal(events.length, 2 * (text.length / para.length), 'no event lost or doubled at the cut');
  });

  it('streams a JSONL file with a multi-megabyte line and CRLF line ends through the CLI', () => {
    const file = path.join(dir, 'big-line.jsonl');
    const long = 'Russia attacked Ukraine. ' + 'x'.repeat(3_000_000) + ' Turkey condemned Greece.';
    writeFileSync(file, [JSON.stringify({ id: 'a', text: 'Iran praised Iraq.' }), JSON.stringify({ id: 'big', text: long }), '{"id": "c", "text": "Egypt met Israel."}'].join('\r\n'));
    const r = run(['code', '--date', '2024-03-16', file]);
    assert.equal(r.code, 0, r.err);
    const events = r.out.trim().split('\n').map((l) => JSON.parse(l));
    const big = events.filter((e) => e.doc_id === 'big');
    assert.deepEqual(big.map((e) => `${e.source.code} ${e.cameo} ${e.target.code}`), ['RUS 190 UKR', 'TUR 111 GRC']);
    assert.match(big[0].evidence.text, /^Russia attacked Ukraine/);
    assert.match(big[1].evidence.text, /Turkey condemned Greece/);
    assert.ok(big.every((e) => e.evidence.text.length < 1000), 'the long run stays out of the evidence');
    for (const e of big) assert.equal(long.slice(e.evidence.start, e.evidence.end), e.evidence.text);
    assert.deepEqual([...new Set(events.map((e) => e.doc_id))], ['a', 'big', 'c']);
  });

  it('refuses a file with a NUL byte far into it before coding any of it', () => {
    const file = path.join(dir, 'late-nul.jsonl');
    const head = JSON.stringify({ text: 'Russia attacked Ukraine.' }) + '\n' + 'x'.repeat(2_000_000);
    writeFileSync(file, head + '\u0000\n');
    const r = run(['code', '--date', '2024-03-16', file]);
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`E_INPUT_BINARY: .*late-nul\\.jsonl: input looks binary \\(NUL byte at offset ${Buffer.byteLength(head)}\\)`));
    assert.equal(r.out, '', 'nothing coded from a binary file');
  });

  it('takes any calendar date of years 0001–9999 as the publication date (years under 100 too)', () => {
    for (const date of ['0001-01-01', '0099-06-15', '1900-02-28', '2024-02-29', '9999-12-31']) {
      const events = code('Russia attacked Ukraine last week. Turkey condemned Greece on Monday.', { date });
      assert.ok(events.length > 0, date);
      for (const e of events) assert.match(e.date, /^\d{4}-\d{2}-\d{2}$/, date);
    }
    for (const date of ['2023-02-29', '0099-02-29', '2024-13-01', '2024-00-10']) {
      assert.throws(() => code('Russia attacked Ukraine.', { date }), (e: unknown) => e instanceof DyadError && e.code === 'E_DATE_INVALID', date);
    }
  });

  it('keeps the library error contract: only input errors for genuinely bad text', () => {
    assert.throws(() => code('\u00a0\u3000\u2028', { date: '2024-03-16' }), (e: unknown) => e instanceof DyadError && e.code === 'E_INPUT_EMPTY');
    assert.throws(() => code('a\u0000b', { date: '2024-03-16' }), (e: unknown) => e instanceof DyadError && e.code === 'E_INPUT_BINARY');
    assert.throws(() => code('<script>x</script>', { date: '2024-03-16', html: true }), (e: unknown) => e instanceof DyadError && e.code === 'E_INPUT_EMPTY');
    assert.deepEqual(code('\ud800\udfff\ud800', { date: '2024-03-16' }), []);
  });
});
