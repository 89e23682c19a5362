import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LineSplitter, fileLinesSync, countLinesSync, checkFileBytesSync } from '../src/cli/lines.js';
import { DyadError } from '../src/core/errors.js';

describe('chunked line reading (dyad ingest JSONL)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dyad-lines-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('splits lines across chunk boundaries, multi-byte characters included, like split("\\n")', () => {
    const text = '\ufeff{"a":"Erdoğan"}\r\n\n{"b":"日本"}\nlast';
    const bytes = Buffer.from(text, 'utf8');
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const sp = new LineSplitter();
      const lines: string[] = [];
      for (let i = 0; i < bytes.length; i += size) for (const [l] of sp.push(bytes.subarray(i, i + size))) lines.push(l);
      for (const [l] of sp.end()) lines.push(l);
      assert.deepEqual(lines, text.slice(1).split('\n'), `chunk size ${size}`);
    }
  });

  it('reads a file in chunks and counts its documents', () => {
    const f = path.join(dir, 'a.jsonl');
    writeFileSync(f, '{"text":"x"}\n\n  \n{"text":"y"}');
    assert.deepEqual([...fileLinesSync(f)].map(([l, n]) => `${n}:${l}`), ['1:{"text":"x"}', '2:', '3:  ', '4:{"text":"y"}']);
    assert.equal(countLinesSync(f), 2);
  });

  it('rejects binary and invalid UTF-8 files with E_INPUT_BINARY', () => {
    const f = path.join(dir, 'bad.jsonl');
    writeFileSync(f, Buffer.from([0x7b, 0x7d, 0x0a, 0xff, 0xfe]));
    assert.throws(() => checkFileBytesSync(f), (e: unknown) => e instanceof DyadError && e.code === 'E_INPUT_BINARY');
  });
});
