// The dashboard shows where a web article came from (issue #12): outlet in the event table; title, outlet,
// publication date and its source, language, feed and link in the article drawer. Debian's Chromium.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { ingest } from '../src/cli/ingest-run.js';
import { webInput } from '../src/cli/web-inputs.js';
import { extractArticle } from '../src/live/article.js';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';
import type { EventStore } from '../src/store/types.js';
import { goldPages } from './live-gold.js';
import { tempDir } from './store-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const URL_ = 'https://meridian.example/world/2024/03/14/eu-belarus-sanctions';

describe('dashboard: web article provenance', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing`, timeout: 90_000 }, () => {
  const t = tempDir('dyad-live-dash-');
  let store: EventStore;
  let app: FastifyInstance;
  let browser: Browser;
  let base = '';

  before(async () => {
    store = openStore(path.join(t.dir, 'dash.db'));
    const page = goldPages('pages').find((p) => p.name === 'meridian-sanctions')!;
    const a = extractArticle(page.html, URL_);
    const doc = webInput({
      url: URL_, finalUrl: URL_, text: a.text, date: a.published!.date, outlet: a.outlet!, feed: 'https://meridian.example/rss.xml',
      language: a.language, title: a.title, publishedAt: a.published!.iso, dateSource: a.published!.source, method: a.method,
    });
    const p = ingest([], store, { date: '2024-03-20' }, [doc]);
    assert.ok(p.stored === 1 && p.events > 0, JSON.stringify(p));
    app = buildApp({ store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    store?.close();
    t.cleanup();
  });

  it('the table names the outlet; the drawer shows title, outlet, date source, language, feed and link', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-ready="yes"]', { timeout: 20_000 });
    const row = page.locator('#events tbody tr[data-id]').first();
    assert.match(await row.locator('td.ev .sub').textContent() ?? '', /^The Meridian Post · https:\/\/meridian\.example\//);
    await row.click();
    await page.locator('#detail.open mark.primary').waitFor({ state: 'visible', timeout: 10_000 });
    const facts = page.locator('#detail-body dl.facts');
    assert.equal(await facts.locator('.doc-title').textContent(), 'EU widens sanctions on Belarus after border standoff');
    assert.equal(await facts.locator('.doc-outlet').textContent(), 'The Meridian Post');
    assert.equal(await facts.locator('.doc-language').textContent(), 'en');
    assert.match(await facts.locator('.doc-date-source').textContent() ?? '', /page metadata: 2024-03-14T18:05:00\+01:00/);
    assert.equal(await facts.locator('a.doc-link').getAttribute('href'), URL_);
    assert.equal(await facts.locator('a.doc-feed').getAttribute('href'), 'https://meridian.example/rss.xml');
    if (process.env.DYAD_SCREENSHOT_LIVE) await page.screenshot({ path: process.env.DYAD_SCREENSHOT_LIVE });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
