// Times the conflict-system view on a large store: `node dist/scripts/bench-system.js [--events 100000] [--db FILE]`.
// The store is filled through the store API: the events dyad codes from examples/libya-proxy.jsonl and
// test/fixtures/system/conflicts.jsonl, replayed with shifted dates (80%), plus random dyads among 150
// countries (20%) so the network has many actors and weak ties. Prints the timings as JSON.
import { readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { code } from '../src/index.js';
import type { Event } from '../src/core/event.js';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import { collapseMentions } from '../src/store/dedup.js';
import { openStore } from '../src/store/open.js';
import type { CodedDocument } from '../src/store/types.js';
import { systemView } from '../src/system/view.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '100000' }, db: { type: 'string', default: '/tmp/dyad-system-bench.db' } } });
const target = Number(values.events);
const db = values.db as string;
rmSync(db, { force: true });
rmSync(db + '-wal', { force: true });
rmSync(db + '-shm', { force: true });

const seeds: Event[] = [];
for (const f of ['examples/libya-proxy.jsonl', 'test/fixtures/system/conflicts.jsonl']) {
  for (const line of readFileSync(path.join(PACKAGE_ROOT, f), 'utf8').split('\n').filter(Boolean)) {
    const a = JSON.parse(line) as { id: string; date: string; text: string };
    seeds.push(...code(a.text, { date: a.date, id: a.id }).filter((e) => e.source.code && e.target?.code));
  }
}
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const COUNTRIES = Array.from({ length: 150 }, (_, i) => String.fromCharCode(65 + (i % 26), 65 + Math.floor(i / 26), 88));
const CODES: [string, 1 | 2 | 3 | 4, number, string][] = [['040', 1, 1, 'CONSULT'], ['072', 2, 8.3, 'AID'], ['112', 3, -2, 'ACCUSE'], ['190', 4, -10, 'ASSAULT']];
const shift = (d: string, days: number) => new Date(Date.parse(d + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);

function randomEvent(date: string): Event {
  const s = COUNTRIES[Math.floor(rand() * COUNTRIES.length)];
  let t = COUNTRIES[Math.floor(rand() * COUNTRIES.length)];
  if (t === s) t = COUNTRIES[(COUNTRIES.indexOf(s) + 1) % COUNTRIES.length];
  const [cameo, quad, goldstein, plover] = CODES[Math.floor(rand() * CODES.length)];
  return {
    ...seeds[0], location: null, date, cameo, cameo_root: cameo.slice(0, 2), quad_class: quad, goldstein, plover: { type: plover, mode: null, context: [] },
    source: { text: s, code: s, country: s, sector: null, name: null }, target: { text: t, code: t, country: t, sector: null, name: null },
    evidence: { start: 0, end: 10, text: `${s} ${cameo} ${t}` },
  };
}

const store = openStore(db);
const t0 = performance.now();
let written = 0, docNo = 0;
while (written < target) {
  const batch: CodedDocument[] = [];
  for (let b = 0; b < 200 && written < target; b++, docNo++) {
    const days = docNo % 730;
    const events: Event[] = [];
    for (let k = 0; k < 10 && written + events.length < target; k++) {
      const e = rand() < 0.8 ? { ...seeds[Math.floor(rand() * seeds.length)] } : randomEvent('2020-01-01');
      events.push({ ...e, id: `b${docNo}:${k}:${k}`, doc_id: `b${docNo}`, sentence: k, date: shift(e.date, days - 365) });
    }
    const text = `Dispatch ${docNo}.`;
    const collapsed = collapseMentions(events);
    batch.push({
      doc: { extId: `b${docNo}`, source: null, url: null, date: events[0].date, text, hash: createHash('sha256').update(text).digest('hex'), origin: 'bench' },
      sentences: events.map((_, i) => ({ i, start: 0, end: text.length })),
      events: collapsed,
    });
    written += collapsed.length;
  }
  store.write(batch, []);
}
const writeMs = performance.now() - t0;
const stats = store.stats();
const runs: Record<string, number[]> = { all: [], country: [] };
let last = systemView(store, {});
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  last = systemView(store, {});
  runs.all.push(Math.round(performance.now() - t));
  t = performance.now();
  systemView(store, { country: 'LBY' });
  runs.country.push(Math.round(performance.now() - t));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
store.close();
console.log(JSON.stringify({
  store: db, events: stats.events, documents: stats.documents, write_s: Math.round(writeMs / 100) / 10,
  system_all_ms: median(runs.all), system_lby_ms: median(runs.country),
  actors: last.stats.actors, ties: last.stats.ties, sides: last.sides.length, proxies: last.proxies.length,
}, null, 1));
