// The CLI of live ingestion (issue #12): dyad watch --once, dyad ingest URL, dyad code URL, against fixture
// pages served on 127.0.0.1.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../src/store/open.js';
import { BIN, ROOT } from './helpers.js';
import { FixtureServer } from './live-server.js';
import { tempDir } from './store-helpers.js';

/** run the CLI without blocking this process's event loop (the fixture server lives here) */
function dyad(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

const FAST = ['--host-delay', '0', '--retries', '0', '--timeout', '5s'];

describe('live ingestion CLI', () => {
  const srv = new FixtureServer();
  const tmp = tempDir('dyad-live-cli-');
  const db = path.join(tmp.dir, 'cli.db');
  let base = '';

  before(async () => {
    base = await srv.start();
    srv.routes.set('/meridian/rss.xml', { body: srv.fixture('feeds/meridian-v2.xml'), type: 'application/rss+xml', etag: '"v2"' });
    srv.routes.set('/meridian/world/2024/03/14/eu-belarus-sanctions', { body: srv.fixture('pages/meridian-sanctions.html') });
    srv.routes.set('/meridian/world/2024/03/16/japan-sudan-aid', { body: srv.fixture('pages/meridian-aid.html') });
    srv.routes.set('/atlas/africa/mali-expels-ambassador', { body: srv.fixture('pages/atlas-brief.html') });
    srv.routes.set('/down/rss.xml', { status: 503, body: 'down for maintenance', type: 'text/plain' });
    srv.routes.set('/report.pdf', { body: '%PDF-1.4', type: 'application/pdf' });
  });
  after(async () => {
    await srv.stop();
    tmp.cleanup();
  });

  it('dyad watch --once: one pass; a failing feed and a bad line are reported, the other feeds stored', async () => {
    const feeds = path.join(tmp.dir, 'feeds.txt');
    writeFileSync(feeds, `# test feeds\n${base}/down/rss.xml\n${base}/meridian/rss.xml outlet="Meridian"\nnot-a-url\n`);
    const r = await dyad(['watch', feeds, '--once', '--db', db, ...FAST]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /E_FEEDS_FILE: .*feeds\.txt:4: 'not-a-url' is not an http\(s\) URL/);
    assert.match(r.err, /E_FETCH: http:\/\/127\.0\.0\.1:\d+\/down\/rss\.xml: HTTP 503/);
    assert.match(r.err, /meridian\/rss\.xml: 2 item\(s\), 2 page\(s\) fetched, 2 stored/);
    assert.match(r.err, /pass 1: 2 feed\(s\) \(1 failed\), 2 page\(s\) fetched, 2 article\(s\) stored/);
    const store = openStore(db);
    try {
      assert.equal(store.stats().documents, 2);
      const d = store.document(1, false)!;
      assert.equal(d.source, 'Meridian', 'outlet from the feeds file');
      assert.equal(d.feed, `${base}/meridian/rss.xml`);
    } finally {
      store.close();
    }
    // a feeds file whose feeds all work: exit 0; the feed is not modified (304), nothing stored twice
    const ok = path.join(tmp.dir, 'ok.txt');
    writeFileSync(ok, `${base}/meridian/rss.xml\n`);
    const again = await dyad(['watch', ok, '--once', '--db', db, ...FAST]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.err, /meridian\/rss\.xml: not modified \(304\)/);
    assert.match(again.err, /0 article\(s\) stored/);
  });

  it('dyad ingest URL: the page is extracted and stored with its metadata, once', async () => {
    const url = `${base}/atlas/africa/mali-expels-ambassador`;
    const r = await dyad(['ingest', '--db', db, '--date', '2024-03-20', '--quiet', url, `${base}/missing`, `${base}/report.pdf`]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /E_FETCH: .*\/missing: HTTP 404/);
    assert.match(r.err, /E_EXTRACT: .*\/report\.pdf: not an HTML page \(application\/pdf\)/);
    assert.match(r.err, /stored 1 document\(s\)/);
    const store = openStore(db);
    try {
      const d = store.document(3, true)!;
      assert.equal(d.url, url);
      assert.equal(d.date, '2024-03-13', 'from the <time datetime> in the article, not --date');
      assert.equal(d.date_source, 'time');
      assert.equal(d.feed, null);
      assert.equal(d.source, '127.0.0.1', 'no outlet in the page: the host');
      assert.match(d.text!, /^Mali's military government expelled the French ambassador/);
      assert.equal(store.failures(10).filter((f) => f.origin.startsWith(base)).length, 2);
    } finally {
      store.close();
    }
    const again = await dyad(['ingest', '--db', db, '--quiet', '--date', '2024-03-20', url, `${base}/missing`]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.err, /stored 0 document\(s\).*2 skipped/);
    assert.equal(srv.count('/atlas/africa/mali-expels-ambassador'), 1, 'a stored URL is not fetched again');
    assert.equal(srv.count('/missing'), 1, 'a URL that is gone is not fetched again');
  });

  it('dyad code URL: codes the article with the page\'s publication date', async () => {
    const url = `${base}/meridian/world/2024/03/14/eu-belarus-sanctions`;
    const r = await dyad(['code', '--date', '2024-03-20', url]);
    assert.equal(r.code, 0, r.err);
    const events = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(events.length >= 2, r.out);
    assert.ok(events.every((e) => e.doc_id === url && e.date <= '2024-03-14'), r.out);
    assert.ok(events.some((e) => e.source.code?.startsWith('EU') || e.source.code === 'IGOEU' || e.target?.code?.startsWith('BLR')), r.out);
    assert.ok(events.every((e) => e.evidence.source_start === undefined), 'offsets refer to the extracted text, not the HTML');
  });

  it('usage errors exit 2', async () => {
    const feeds = path.join(tmp.dir, 'one.txt');
    writeFileSync(feeds, `${base}/meridian/rss.xml\n`);
    assert.equal((await dyad(['watch', feeds, '--every', 'soon'])).code, 2);
    assert.equal((await dyad(['watch'])).code, 2);
    const empty = path.join(tmp.dir, 'empty.txt');
    writeFileSync(empty, '# nothing\n');
    const r = await dyad(['watch', empty, '--once', '--db', db]);
    assert.equal(r.code, 2);
    assert.match(r.err, /names no feed/);
  });
});
