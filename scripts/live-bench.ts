// Live ingestion figures (issue #12), all on 127.0.0.1: extraction accuracy against the gold pages, and
// pages per second for extraction alone, fetch + extraction, and a whole `dyad watch` pass (fetch, extract,
// code, store). Usage: npm run build && node dist/scripts/live-bench.js [copies per page, default 20]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractArticle } from '../src/live/article.js';
import { Http } from '../src/live/http.js';
import { fetchArticle } from '../src/live/page.js';
import { pollOnce } from '../src/cli/watch-run.js';
import { openStore } from '../src/store/open.js';
import { FixtureServer } from '../test/live-server.js';
import { goldPages, score, total } from '../test/live-gold.js';

const copies = Number(process.argv[2] ?? 20);
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;

for (const set of ['pages', 'heldout'] as const) {
  const scores = goldPages(set).map((p) => score(extractArticle(p.html, `http://127.0.0.1/${p.name}`).text, p.gold));
  const t = total(scores);
  console.log(`${set}: ${scores.length} pages; article sentences kept ${t.kept}/${t.sentences} (${pct(t.kept, t.sentences)}); `
    + `boilerplate lines removed ${t.removed}/${t.boilerplate} (${pct(t.removed, t.boilerplate)})`);
  if (t.leaked.length) console.log(`  leaked: ${t.leaked.join(' | ')}`);
  if (t.missed.length) console.log(`  missed: ${t.missed.join(' | ')}`);
}

const pages = [...goldPages('pages'), ...goldPages('heldout')];
const n = pages.length * copies;
let t0 = performance.now();
for (let c = 0; c < copies; c++) for (const p of pages) extractArticle(p.html, `http://127.0.0.1/${p.name}/${c}`);
let s = (performance.now() - t0) / 1000;
console.log(`extraction alone: ${n} pages in ${s.toFixed(2)} s = ${(n / s).toFixed(0)} pages/s`);

const srv = new FixtureServer();
const base = await srv.start();
// each copy's first sentence differs, so the texts are distinct (no dedup by hash)
pages.forEach((p, i) => {
  const lead = p.gold.article[0].slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`(>\\s*)(${lead})`); // the story's first words as element text (not in a meta tag)
  for (let c = 0; c < copies; c++) srv.routes.set(`/a/${i}/${c}`, { body: p.html.replace(at, `$1(Dispatch ${c}) $2`) });
});
const http = new Http({ hostDelayMs: 0, retries: 0 });
t0 = performance.now();
const urls = pages.flatMap((_p, i) => Array.from({ length: copies }, (_x, c) => `${base}/a/${i}/${c}`));
await Promise.all(urls.map((u) => fetchArticle(u, http)));
s = (performance.now() - t0) / 1000;
console.log(`fetch + extraction (one host, no politeness delay): ${n} pages in ${s.toFixed(2)} s = ${(n / s).toFixed(0)} pages/s`);

// a whole watch pass: one RSS feed per page group, listing its copies
pages.forEach((_p, i) => {
  const items = Array.from({ length: copies }, (_x, c) => `<item><title>t</title><link>${base}/a/${i}/${c}?w=1</link></item>`).join('');
  srv.routes.set(`/feed/${i}.xml`, { body: `<rss version="2.0"><channel><title>F${i}</title>${items}</channel></rss>`, type: 'application/rss+xml' });
});
const dir = mkdtempSync(path.join(os.tmpdir(), 'dyad-live-bench-'));
const store = openStore(path.join(dir, 'bench.db'));
t0 = performance.now();
const r = await pollOnce(pages.map((_p, i) => ({ url: `${base}/feed/${i}.xml`, outlet: null, lang: null, where: String(i) })), {
  store, http: new Http({ hostDelayMs: 0, retries: 0 }), date: '2024-03-20', everyMs: 900_000, maxItems: 1000,
});
s = (performance.now() - t0) / 1000;
for (const f of r.feeds) if (f.stored !== copies) console.log(`  not all stored: ${JSON.stringify(f)}`);
console.log(`dyad watch pass (fetch, extract, code, store): ${r.stored} articles, ${r.events} events in ${s.toFixed(2)} s = ${(r.stored / s).toFixed(1)} pages/s`);
store.close();
rmSync(dir, { recursive: true, force: true });
await srv.stop();
