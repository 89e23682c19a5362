// The dashboard in a real browser: Debian's Chromium driven by playwright-core (no browser download).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ingest } from '../src/cli/ingest-run.js';
import { openDashboard, chromiumSkip, type DashboardSession } from './dashboard-session.js';
import { openStore } from '../src/store/open.js';
import type { EventStore } from '../src/store/types.js';
import { ROOT } from './helpers.js';
import { STORE_FIXTURES, tempDir } from './store-helpers.js';


describe('dashboard in Chromium', { skip: chromiumSkip(), timeout: 90_000 }, () => {
  const t = tempDir('dyad-browser-');
  let store: EventStore;
  let session: DashboardSession;
  let page: Page;
  let base = '';
  let pageErrors: string[] = [];

  before(async () => {
    store = openStore(path.join(t.dir, 'dash.db'));
    const examples = path.join(ROOT, 'examples');
    const inputs = [STORE_FIXTURES];
    if (existsSync(examples) && readdirSync(examples).some((f) => f.endsWith('.txt'))) inputs.push(examples);
    const p = ingest(inputs, store, { date: '2024-03-18' });
    assert.ok(p.stored >= 3 && p.events > 0, `ingested ${p.stored} documents, ${p.events} events`);
    session = await openDashboard(store);
    ({ page, base, pageErrors } = session);
  });

  after(async () => {
    await session?.close();
    store?.close();
    t.cleanup();
  });

  it('renders the network, timeline, map and table from real data', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-ready="yes"]', { timeout: 20_000 });
    const stats = store.stats();
    assert.match(await page.textContent('#stats') ?? '', new RegExp(`${stats.events}\\s*events`));

    const nodes = Number(await page.getAttribute('#network', 'data-nodes'));
    const edges = Number(await page.getAttribute('#network', 'data-edges'));
    assert.equal(nodes, store.network({}).nodes.length);
    assert.ok(nodes > 0 && edges > 0, 'actor network has nodes and edges');
    assert.ok(await page.locator('#network canvas').count() > 0, 'cytoscape drew on a canvas');

    assert.ok(await page.locator('#timeline rect.bar').count() > 0, 'timeline has bars');
    assert.ok(await page.locator('#map path.country').count() > 100, 'world outline drawn offline');
    if (stats.located_events > 0) {
      assert.ok(await page.locator('#map circle.event').count() > 0, 'located events are on the map');
    } else {
      assert.ok(await page.locator('#map-empty').isVisible(), '"no located events" state');
    }

    const rows = await page.locator('#events tbody tr[data-id]').count();
    assert.equal(rows, Math.min(25, stats.events));
    assert.deepEqual(pageErrors, []);
  });

  it('opens an event in its article with the evidence highlighted', async () => {
    const row = page.locator('#events tbody tr[data-id]').first();
    const id = Number(await row.getAttribute('data-id'));
    await row.click();
    const mark = page.locator('#detail.open mark.primary');
    await mark.waitFor({ state: 'visible', timeout: 10_000 });
    const detail = store.event(id)!;
    assert.equal(await mark.textContent(), detail.event.evidence.text);
    assert.match(await page.textContent('#detail-text') ?? '', new RegExp(detail.document.text.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    if (process.env.DYAD_SCREENSHOT_DETAIL) await page.screenshot({ path: process.env.DYAD_SCREENSHOT_DETAIL });
    await page.click('#detail-close');
    await page.waitForSelector('#detail:not(.open)');
  });

  it('filters by actor from the form', async () => {
    await page.fill('#filters input[name="actor"]', 'RUS');
    await page.click('#filters button[type="submit"]');
    await page.waitForFunction((n) => document.querySelectorAll('#events tbody tr[data-id]').length === n,
      Math.min(25, store.events({ actor: 'RUS' }).total), { timeout: 10_000 });
    const shown = await page.locator('#events tbody tr[data-id] td:nth-child(2) .code, #events tbody tr[data-id] td:nth-child(4) .code').allTextContents();
    assert.ok(shown.some((c) => c.startsWith('RUS')));
    await page.click('#filters button[type="reset"]');
  });

  it('codes a pasted article and highlights its events', async () => {
    await page.fill('#paste textarea', 'Russian troops attacked Ukraine on Monday. Germany promised to send aid to Ukraine.');
    await page.fill('#paste input[name="date"]', '2024-03-18');
    await page.click('#paste button[type="submit"]');
    await page.waitForSelector('#paste-result .article', { timeout: 10_000 });
    assert.ok(await page.locator('#paste-result mark').count() > 0, 'evidence highlighted in the pasted text');
    await page.screenshot({ path: process.env.DYAD_SCREENSHOT ?? path.join(t.dir, 'dashboard.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
});
