// dyad watch, one pass at a time (issue #12): fixture feeds and article pages served on 127.0.0.1.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Http } from '../src/live/http.js';
import type { FeedSpec } from '../src/live/feeds-file.js';
import { pollOnce, type PassReport, type WatchContext } from '../src/cli/watch-run.js';
import { openStore } from '../src/store/open.js';
import type { EventStore, StoredDocument } from '../src/store/types.js';
import { FixtureServer } from './live-server.js';
import { tempDir } from './store-helpers.js';

const PAGES: Record<string, string> = {
  '/meridian/world/2024/03/14/eu-belarus-sanctions': 'meridian-sanctions',
  '/meridian/world/2024/03/16/japan-sudan-aid': 'meridian-aid',
  '/harbor/world/armenia-azerbaijan-border-talks-2024-03-15': 'harbor-talks',
  '/harbor/world/georgia-protests-2024-03-12': 'harbor-protests',
  '/atlas/middle-east/cairo-talks': 'atlas-ceasefire',
  '/atlas/africa/mali-expels-ambassador': 'atlas-brief',
  '/mirror/syndicated/georgia-protests': 'harbor-protests',
};

const BOILERPLATE = [/cookies/i, /Most read/, /Sign up to The Briefing/, /All rights reserved/, /Recommended for you/,
  /Share this story/, /Load more comments/, /Privacy policy/, /Advertisement/, /Photograph:/, /Lukashenko says/];

describe('dyad watch: feeds → pages → store', () => {
  const srv = new FixtureServer();
  const tmp = tempDir('dyad-live-');
  let store: EventStore;
  let specs: FeedSpec[];
  let http: Http;
  const errors: string[] = [];
  let r3Outcome = '';

  const pass = (): Promise<PassReport> => {
    const ctx: WatchContext = {
      store, http, date: '2024-03-20', everyMs: 60_000, maxItems: 100, onError: (e) => errors.push(e.toLine()),
    };
    return pollOnce(specs, ctx);
  };
  const docs = (): StoredDocument[] => {
    const out: StoredDocument[] = [];
    for (let id = 1; ; id++) {
      const d = store.document(id, true);
      if (!d) return out;
      out.push(d);
    }
  };
  const byPath = (p: string) => docs().find((d) => d.url === srv.base + p);
  const pageHits = () => Object.keys(PAGES).reduce((n, p) => n + srv.count(p), 0);

  before(async () => {
    const base = await srv.start();
    for (const [p, name] of Object.entries(PAGES)) srv.routes.set(p, { body: srv.fixture(`pages/${name}.html`) });
    srv.routes.set('/meridian/rss.xml', { body: srv.fixture('feeds/meridian-v1.xml'), type: 'application/rss+xml', etag: '"m1"' });
    srv.routes.set('/harbor/rss.xml', { body: srv.fixture('feeds/harbor.xml'), type: 'text/xml', lastModified: 'Fri, 15 Mar 2024 18:30:00 GMT' });
    srv.routes.set('/atlas/atom.xml', { body: srv.fixture('feeds/atlas.atom'), type: 'application/atom+xml' });
    srv.routes.set('/broken/rss.xml', { status: 500, body: 'Internal Server Error', type: 'text/plain' });
    srv.routes.set('/slow/rss.xml', { hang: true });
    const spec = (p: string, outlet: string | null = null): FeedSpec => ({ url: base + p, outlet, lang: null, where: p });
    specs = [spec('/broken/rss.xml'), spec('/meridian/rss.xml'), spec('/slow/rss.xml'), spec('/harbor/rss.xml'),
      spec('/atlas/atom.xml', 'Atlas Daily')];
    store = openStore(path.join(tmp.dir, 'live.db'));
    http = new Http({ hostDelayMs: 0, retries: 1, backoffMs: 1, timeoutMs: 1500 });
  });
  after(async () => {
    store?.close();
    await srv.stop();
    tmp.cleanup();
  });

  it('first pass: stores every article once, the 500 and the timeout do not stop the other feeds', async () => {
    const r = await pass();
    assert.equal(r.stored, 5, JSON.stringify(r.feeds));
    assert.deepEqual(r.feeds.map((f) => f.outcome), ['failed', 'ok', 'failed', 'ok', 'ok']);
    assert.equal(r.feedsFailed, 2);
    assert.equal(srv.count('/broken/rss.xml'), 2, 'a 500 is retried once (retries: 1)');
    assert.equal(srv.count('/slow/rss.xml'), 2, 'a timeout is retried once');
    assert.ok(errors.some((e) => /^E_FETCH: .*\/broken\/rss.xml: HTTP 500/.test(e)), errors.join('\n'));
    assert.ok(errors.some((e) => /^E_FETCH: .*\/slow\/rss.xml: timed out/.test(e)), errors.join('\n'));
    assert.equal(docs().length, 5);
    assert.ok(r.events > 0, 'the articles were coded');
    const broken = store.feedState(specs[0].url)!;
    assert.equal(broken.status, '500');
    assert.equal(broken.failures, 1);
    assert.equal(broken.retryAt, null, 'one failure: tried again next pass');
  });

  it('sends a clear User-Agent on every request', () => {
    assert.ok(srv.hits.every((h) => /^dyad\/\d/.test(h.userAgent)), srv.hits.map((h) => h.userAgent).join(', '));
  });

  it('keeps source metadata per document: feed, outlet, URL (tracking parameters dropped), language, dates from metadata', () => {
    const base = srv.base;
    const sanctions = byPath('/meridian/world/2024/03/14/eu-belarus-sanctions')!;
    assert.ok(sanctions, 'stored under the URL without utm_ parameters');
    assert.equal(sanctions.source, 'The Meridian Post');
    assert.equal(sanctions.feed, `${base}/meridian/rss.xml`);
    assert.equal(sanctions.language, 'en');
    assert.equal(sanctions.title, 'EU widens sanctions on Belarus after border standoff');
    // article:published_time (the publisher's calendar day), not the feed's pubDate in GMT
    assert.equal(sanctions.date, '2024-03-14');
    assert.equal(sanctions.published_at, '2024-03-14T18:05:00+01:00');
    assert.equal(sanctions.date_source, 'meta');
    const protests = byPath('/harbor/world/georgia-protests-2024-03-12')!;
    assert.equal(protests.date, '2024-03-12', 'JSON-LD datePublished, 21:40 in New York on the 12th');
    assert.equal(protests.date_source, 'json-ld');
    assert.equal(protests.source, 'Harbor Wire');
    const talks = byPath('/harbor/world/armenia-azerbaijan-border-talks-2024-03-15')!;
    assert.equal(talks.date, '2024-03-15');
    assert.equal(talks.date_source, 'feed', 'no date in the page: the feed pubDate');
    assert.equal(talks.source, 'Harbor Wire - World', 'no outlet in the page: the feed title');
    const cairo = byPath('/atlas/middle-east/cairo-talks')!;
    assert.equal(cairo.source, 'Atlas Daily', 'outlet from the feeds file');
    assert.equal(cairo.date_source, 'feed');
    assert.equal(cairo.language, 'en');
    assert.equal(byPath('/atlas/africa/mali-expels-ambassador')!.date, '2024-03-13', 'Atom <updated> when there is no <published>');
  });

  it('strips boilerplate and keeps the article paragraphs', () => {
    for (const d of docs()) {
      for (const re of BOILERPLATE) assert.doesNotMatch(d.text!, re, `${d.url}: ${re}`);
    }
    const sanctions = byPath('/meridian/world/2024/03/14/eu-belarus-sanctions')!.text!;
    assert.match(sanctions, /^The European Union imposed new sanctions on Belarus on Thursday/);
    assert.match(sanctions, /Germany called for talks between Warsaw and Minsk to ease tensions along the border\.$/);
    assert.equal(sanctions.split('\n\n').length, 5, 'five paragraphs, separated by a blank line');
  });

  it('second pass: conditional GET is honoured (304), no page is fetched again; the feed that failed is picked up', async () => {
    srv.routes.set('/broken/rss.xml', { body: srv.fixture('feeds/wire-mirror.xml'), type: 'application/rss+xml' });
    const talksHits = srv.count('/harbor/world/armenia-azerbaijan-border-talks-2024-03-15');
    const before = pageHits();
    const r = await pass();
    const meridian = r.feeds[1];
    const harbor = r.feeds[3];
    assert.equal(meridian.outcome, 'not-modified');
    assert.equal(harbor.outcome, 'not-modified');
    const last = (p: string) => srv.hits.filter((h) => h.path === p).at(-1)!;
    assert.equal(last('/meridian/rss.xml').ifNoneMatch, '"m1"');
    assert.equal(last('/meridian/rss.xml').status, 304);
    assert.equal(last('/harbor/rss.xml').ifModifiedSince, 'Fri, 15 Mar 2024 18:30:00 GMT');
    assert.equal(last('/harbor/rss.xml').status, 304);
    assert.equal(r.feeds[4].outcome, 'ok', 'a feed without validators is read again…');
    assert.equal(r.feeds[4].known, 2, '…and its items are known');
    // the feed that answered 500 last time now lists an article already stored and a syndicated copy of another
    const mirror = r.feeds[0];
    assert.equal(mirror.outcome, 'ok');
    assert.equal(mirror.items, 2);
    assert.equal(mirror.fetched, 1, 'the URL already stored (with other tracking parameters and a fragment) is not fetched');
    assert.equal(mirror.stored, 0, 'the syndicated copy has the same text: not stored twice');
    assert.equal(srv.count('/harbor/world/armenia-azerbaijan-border-talks-2024-03-15'), talksHits);
    assert.equal(pageHits(), before + 1, 'only the syndicated copy was fetched');
    assert.equal(r.stored, 0);
    assert.equal(docs().length, 5);
    const state = store.feedState(specs[0].url)!;
    assert.equal(state.failures, 0);
    assert.equal(state.status, '200');
    assert.equal(store.feedState(specs[2].url)!.failures, 2, 'the hanging feed failed again, counted');
  });

  it('an updated feed brings its new item only; the old item is not fetched or stored again', async () => {
    srv.routes.set('/meridian/rss.xml', { body: srv.fixture('feeds/meridian-v2.xml'), type: 'application/rss+xml', etag: '"m2"' });
    const sanctionsHits = srv.count('/meridian/world/2024/03/14/eu-belarus-sanctions');
    const mirrorHits = srv.count('/mirror/syndicated/georgia-protests');
    const r = await pass();
    assert.equal(r.feeds[1].outcome, 'ok');
    assert.equal(r.feeds[1].items, 2);
    assert.equal(r.feeds[1].stored, 1);
    assert.equal(r.stored, 1);
    assert.equal(srv.count('/meridian/world/2024/03/14/eu-belarus-sanctions'), sanctionsHits);
    assert.equal(srv.count('/meridian/world/2024/03/16/japan-sudan-aid'), 1);
    assert.equal(srv.count('/mirror/syndicated/georgia-protests'), mirrorHits, 'the syndicated copy is known by its URL now');
    r3Outcome = r.feeds[2].outcome;
    const aid = byPath('/meridian/world/2024/03/16/japan-sudan-aid')!;
    assert.equal(aid.date, '2024-03-16');
    assert.equal(docs().length, 6);
  });

  it('a feed failing again and again waits longer between tries (backoff), without stopping the others', async () => {
    // two failures in a row: the hanging feed waits one --every before its next try
    assert.equal(r3Outcome, 'waiting');
    const slow = store.feedState(specs[2].url)!;
    assert.equal(slow.failures, 2);
    assert.ok(slow.retryAt && Date.parse(slow.retryAt) > Date.now(), `retry_at ${slow.retryAt}`);
  });
});
