/**
 * Ingest durability beyond a kill (test/ingest-resume.test.ts): the nasty-input corpus goes into the store
 * without a crash (each bad file recorded as a failure with its input code, the rest stored), a rerun adds
 * nothing, two ingests racing on one store keep every document exactly once, and a store file that is not a
 * database is a clear E_STORE error.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT } from './helpers.js';
import { tempDir } from './store-helpers.js';

const NASTY = path.join(ROOT, 'test', 'fixtures', 'nasty');
const count = (db: Database.Database, sql: string) => db.prepare(sql).pluck().get() as number;

function ingest(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [BIN, 'ingest', '--quiet', '--date', '2024-03-16', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (b) => { err += b; });
    c.on('exit', (code) => resolve({ code, err }));
  });
}

function consistent(dbFile: string): Database.Database {
  const db = new Database(dbFile, { readonly: true });
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  assert.equal(count(db, 'SELECT count(*) FROM documents'), count(db, 'SELECT count(DISTINCT hash) FROM documents'), 'no text twice');
  assert.equal(count(db, 'SELECT coalesce(sum(n_sentences), 0) FROM documents'), count(db, 'SELECT count(*) FROM sentences'));
  assert.equal(count(db, 'SELECT coalesce(sum(n_events), 0) FROM documents'), count(db, 'SELECT count(*) FROM events'));
  return db;
}

const noCrash = (err: string) => {
  assert.doesNotMatch(err, /E_INTERNAL/);
  assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
};

describe('ingest: durability on hostile input and concurrent runs', () => {
  const t = tempDir('dyad-durable-');
  after(() => t.cleanup());

  it('stores the nasty corpus, recording each bad file or line as a failure; a rerun adds nothing', async () => {
    const corpus = path.join(t.dir, 'nasty');
    cpSync(NASTY, corpus, { recursive: true });
    const dbFile = path.join(t.dir, 'nasty.db');
    const first = await ingest(['--db', dbFile, corpus]);
    noCrash(first.err);
    assert.equal(first.code, 1, 'some inputs failed, the others stored');
    let db = consistent(dbFile);
    const stored = count(db, 'SELECT count(*) FROM documents');
    const codes = db.prepare('SELECT code FROM failures').pluck().all() as string[];
    db.close();
    assert.ok(codes.length > 0 && codes.every((c) => /^E_(INPUT_[A-Z]+|DATE_INVALID)$/.test(c)), codes.join(' '));
    for (const f of ['nul-byte.txt', 'latin1.txt', 'truncated-utf8.txt', 'unicode-spaces-only.txt']) assert.match(first.err, new RegExp(f.replace('.', '\\.')));
    const txt = readdirSync(corpus).filter((f) => f.endsWith('.txt')).length;
    assert.ok(stored >= txt - 6, `${stored} documents stored from ${txt} text files and the JSONL`);

    const again = await ingest(['--db', dbFile, corpus]);
    noCrash(again.err);
    assert.match(again.err, /stored 0 document/);
    db = consistent(dbFile);
    assert.equal(count(db, 'SELECT count(*) FROM documents'), stored, 'the rerun added nothing');
    db.close();
  });

  it('keeps every document exactly once when two ingests race on the same store', async () => {
    const file = path.join(t.dir, 'race.jsonl');
    const n = 300;
    writeFileSync(file, Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: `r${i}`, text: `Dispatch ${i}. Russia attacked Ukraine on Monday. Turkey condemned Greece, officials said.` })).join('\n') + '\n');
    const dbFile = path.join(t.dir, 'race.db');
    // create the store first so both runs open the same schema, then race
    spawnSync(process.execPath, [BIN, 'ingest', '--quiet', '--db', dbFile, '--date', '2024-03-16', path.join(ROOT, 'examples', 'maritime-deal.txt')]);
    const [a, b] = await Promise.all([ingest(['--db', dbFile, '--batch', '10', file]), ingest(['--db', dbFile, '--batch', '7', file])]);
    noCrash(a.err + b.err);
    assert.equal(a.code, 0, a.err);
    assert.equal(b.code, 0, b.err);
    const db = consistent(dbFile);
    assert.equal(count(db, "SELECT count(*) FROM documents WHERE ext_id LIKE 'r%'"), n, 'every document, once');
    assert.equal(count(db, "SELECT count(DISTINCT ext_id) FROM documents WHERE ext_id LIKE 'r%'"), n);
    db.close();
  });

  it('says E_STORE, in one line, for a store file that is not a database', () => {
    const bad = path.join(t.dir, 'not-a.db');
    writeFileSync(bad, 'this is not SQLite\n'.repeat(100));
    const r = spawnSync(process.execPath, [BIN, 'ingest', '--db', bad, '--date', '2024-03-16', path.join(ROOT, 'examples')], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /^dyad: E_STORE: /m);
    noCrash(r.stderr);
  });
});
