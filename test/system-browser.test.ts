// The conflict-system panel in Chromium (playwright-core + Debian's /usr/bin/chromium), on the bundled
// Libya proxy-war examples. DYAD_SCREENSHOT_SYSTEM=path saves a screenshot of the panel (docs/system.png).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ingest } from '../src/cli/ingest-run.js';
import { openDashboard, chromiumSkip, type DashboardSession } from './dashboard-session.js';
import { openStore } from '../src/store/open.js';
import type { EventStore } from '../src/store/types.js';
import { systemView } from '../src/system/view.js';
import { ROOT } from './helpers.js';
import { tempDir } from './store-helpers.js';


describe('conflict system panel in Chromium', { skip: chromiumSkip(), timeout: 90_000 }, () => {
  const t = tempDir('dyad-system-browser-');
  let store: EventStore;
  let session: DashboardSession;
  let page: Page;
  let base = '';
  let pageErrors: string[] = [];

  before(async () => {
    store = openStore(path.join(t.dir, 'system.db'));
    const p = ingest([path.join(ROOT, 'examples', 'libya-proxy.jsonl')], store, { date: '2020-06-30' });
    assert.ok(p.stored === 5 && p.events > 20, `ingested ${p.stored} documents, ${p.events} events`);
    session = await openDashboard(store);
    ({ page, base, pageErrors } = session);
  });

  after(async () => {
    await session?.close();
    store?.close();
    t.cleanup();
  });

  it('draws the signed network by side, the sides, the proxies and the tie timeline', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-ready="yes"]', { timeout: 20_000 });
    await page.fill('#system-form input[name="country"]', 'LBY');
    await page.click('#system-form button[type="submit"]');
    await page.waitForFunction(() => Number(document.getElementById('system-card')?.dataset.proxies) > 0, undefined, { timeout: 10_000 });
    const v = systemView(store, { country: 'LBY', top: 60 });
    assert.equal(Number(await page.getAttribute('#system-net', 'data-nodes')), v.actors.length);
    assert.ok(await page.locator('#system-net canvas').count() > 0, 'cytoscape drew the signed network');
    const colors = await page.evaluate(() => {
      const cy = (window as unknown as { dyadSystem: { nodes: () => { id: () => string; data: (k: string) => string }[] } }).dyadSystem;
      return Object.fromEntries(cy.nodes().map((n) => [n.id(), n.data('color')]));
    });
    assert.equal(colors.TUR, colors.LBYGOV, 'Turkey drawn in the colour of the Tripoli government');
    assert.equal(colors.ARE, colors.LBYREB, 'the UAE drawn in the colour of Haftar’s forces');
    assert.notEqual(colors.TUR, colors.LBYREB);
    const sidesText = await page.textContent('#system-sides') ?? '';
    assert.match(sidesText, /TUR\s*backs\s*LBYGOV\s*against\s*LBYREB/);
    assert.ok(await page.locator('#system-timeline td.cell').count() > 0, 'tie timeline has cells');

    // click-through: a proxy relation lists its events, an event opens in its article
    await page.locator('#system-sides button.proxy-link').first().click();
    const link = page.locator('#system-evidence button.ev-link').first();
    await link.waitFor({ state: 'visible' });
    const id = Number(await link.getAttribute('data-id'));
    await link.click();
    const mark = page.locator('#detail.open mark.primary');
    await mark.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await mark.textContent(), store.event(id)!.event.evidence.text);
    await page.click('#detail-close');
    await page.waitForSelector('#detail:not(.open)');

    // a timeline cell lists that window's events
    await page.locator('#system-timeline td.cell').first().click();
    await page.locator('#system-evidence button.ev-link').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('#system-sides button.proxy-link').first().click();
    const shot = process.env.DYAD_SCREENSHOT_SYSTEM;
    if (shot) await page.locator('#system-card').screenshot({ path: shot });
    assert.deepEqual(pageErrors, []);
  });
});
