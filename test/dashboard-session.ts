// A dashboard served from a store and opened in Debian's Chromium (playwright-core; never a downloaded
// browser): the shared set-up of the browser tests.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import type { EventStore } from '../src/store/types.js';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** the describe() skip option: a reason when Chromium is not installed */
export const chromiumSkip = (): string | false => (existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install chromium)`);

export interface DashboardSession {
  base: string;
  page: Page;
  /** page errors and failed requests seen so far */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Serve `store` on 127.0.0.1 (a free port) and open a 1400×1000 page that records its errors. */
export async function openDashboard(store: EventStore): Promise<DashboardSession> {
  const app: FastifyInstance = buildApp({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('requestfailed', (r) => pageErrors.push(`request failed: ${r.url()}`));
    const b = browser;
    return { base, page, pageErrors, close: async () => { await b.close(); await app.close(); } };
  } catch (e) {
    await browser?.close();
    await app.close();
    throw e;
  }
}
