import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BIN } from './helpers.js';
import { STORE_FIXTURES, tempDir } from './store-helpers.js';

const JSONL_DOCS = 900;
const TXT_DOCS = 300;
const TOTAL = JSONL_DOCS + TXT_DOCS;

/** A corpus: two JSONL files and nested folders of .txt files, every text unique, plus two bad inputs. */
function makeCorpus(dir: string): Set<string> {
  const bases = readdirSync(STORE_FIXTURES).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => readFileSync(path.join(STORE_FIXTURES, f), 'utf8'));
  const ids = new Set<string>();
  const text = (i: number) => `Dispatch ${i}. ${bases[i % bases.length]}`;
  for (const part of [0, 1]) {
    const lines: string[] = [];
    for (let i = part * (JSONL_DOCS / 2); i < (part + 1) * (JSONL_DOCS / 2); i++) {
      const id = `j${i}`;
      ids.add(id);
      lines.push(JSON.stringify({ id, date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`, text: text(i), source: ['AP', 'AFP', 'Reuters'][i % 3] }));
      if (part === 0 && i === 10) lines.push('{"id": "broken", "text": '); // a bad line: recorded, skipped
    }
    writeFileSync(path.join(dir, `part${part}.jsonl`), lines.join('\n') + '\n');
  }
  for (let i = 0; i < TXT_DOCS; i++) {
    const sub = path.join(dir, 'wires', `batch${i % 4}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `t${i}.txt`), text(JSONL_DOCS + i));
    ids.add(`t${i}`);
  }
  writeFileSync(path.join(dir, 'wires', 'empty.txt'), '   \n'); // an empty article: recorded, skipped
  writeFileSync(path.join(dir, 'wires', 'notes.md'), 'ignored: not .txt or .jsonl');
  return ids;
}

const count = (db: Database.Database, sql: string) => db.prepare(sql).pluck().get() as number;

describe('ingest: resumable after a kill', () => {
  const t = tempDir('dyad-resume-');
  const corpus = path.join(t.dir, 'corpus');
  const dbFile = path.join(t.dir, 'store.db');
  let ids: Set<string>;
  const args = ['ingest', '--db', dbFile, '--date', '2024-03-18', '--batch', '20', corpus];

  before(() => {
    mkdirSync(corpus);
    ids = makeCorpus(corpus);
    assert.equal(ids.size, TOTAL);
  });
  after(() => t.cleanup());

  it('survives SIGKILL mid-run: the rerun stores every document exactly once', async () => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => { stderr += b; });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })));
    // kill it as soon as some batches are committed, wherever it is then
    let seenBeforeKill = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (child.exitCode !== null) { clearInterval(timer); reject(new Error(`ingest ended before the kill:\n${stderr}`)); return; }
        if (!existsSync(dbFile)) return;
        let db: Database.Database | null = null;
        try {
          db = new Database(dbFile, { readonly: true, fileMustExist: true });
          seenBeforeKill = count(db, 'SELECT count(*) FROM documents');
        } catch {
          return; // schema not created yet
        } finally {
          db?.close();
        }
        if (seenBeforeKill >= 100) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 25);
    });
    const first = await exited;
    assert.equal(first.signal, 'SIGKILL');

    let db = new Database(dbFile, { readonly: true });
    const afterKill = count(db, 'SELECT count(*) FROM documents');
    db.close();
    assert.ok(afterKill >= seenBeforeKill && afterKill < TOTAL, `killed mid-run (${afterKill} of ${TOTAL} stored)`);

    const rerun = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    assert.equal(rerun.status, 1, `exit 1: two inputs failed, the rest stored\n${rerun.stderr}`);
    assert.match(rerun.stderr, new RegExp(`stored ${TOTAL - afterKill} document`));
    assert.match(rerun.stderr, /E_INPUT_JSONL/);
    assert.match(rerun.stderr, /E_INPUT_EMPTY/);

    db = new Database(dbFile, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(db.pragma('foreign_key_check'), []);
      assert.equal(count(db, 'SELECT count(*) FROM documents'), TOTAL);
      assert.equal(count(db, 'SELECT count(DISTINCT hash) FROM documents'), TOTAL);
      const stored = db.prepare('SELECT ext_id FROM documents').pluck().all() as string[];
      assert.equal(new Set(stored).size, TOTAL, 'no document twice');
      assert.deepEqual(new Set(stored), ids, 'no document lost');
      // every layer is complete for every document (no half-written batch)
      assert.equal(count(db, 'SELECT coalesce(sum(n_sentences), 0) FROM documents'), count(db, 'SELECT count(*) FROM sentences'));
      assert.equal(count(db, 'SELECT coalesce(sum(n_events), 0) FROM documents'), count(db, 'SELECT count(*) FROM events'));
      assert.equal(count(db, 'SELECT count(*) FROM sentences_fts'), count(db, 'SELECT count(*) FROM sentences'));
      assert.equal(count(db, 'SELECT count(*) FROM event_mentions'), count(db, 'SELECT coalesce(sum(n_mentions), 0) FROM events'));
      assert.equal(count(db, 'SELECT coalesce(sum(n_events), 0) FROM clusters'), count(db, 'SELECT count(*) FROM events WHERE cluster_id IS NOT NULL'));
      // cluster counts are kept incrementally: they must equal a recount
      assert.equal(count(db, `SELECT count(*) FROM clusters c WHERE
        n_events <> (SELECT count(*) FROM events WHERE cluster_id = c.id) OR
        n_mentions <> (SELECT coalesce(sum(n_mentions), 0) FROM events WHERE cluster_id = c.id) OR
        n_documents <> (SELECT count(DISTINCT doc_id) FROM events WHERE cluster_id = c.id) OR
        n_sources <> (SELECT count(DISTINCT d.source) FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.cluster_id = c.id)`), 0);
      assert.ok(count(db, 'SELECT count(*) FROM events') > 0, 'the corpus codes into events');
      const failures = db.prepare('SELECT code FROM failures ORDER BY code').pluck().all();
      assert.deepEqual(failures, ['E_INPUT_EMPTY', 'E_INPUT_JSONL']);
    } finally {
      db.close();
    }

    const third = spawnSync(process.execPath, [BIN, ...args, '--quiet'], { encoding: 'utf8' });
    assert.match(third.stderr, new RegExp(`stored 0 document\\(s\\).*${TOTAL} skipped`));
  });
});
