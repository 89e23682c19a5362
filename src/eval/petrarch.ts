import { readFileSync } from 'node:fs';
import { DyadError } from '../core/errors.js';
import type { Event } from '../core/event.js';
import { prf } from './metrics.js';

export interface Triple { source: string; target: string; code: string }

export interface PetrRecord {
  id: string;
  category: string;
  /** YYYY-MM-DD */
  date: string;
  text: string;
  events: Triple[];
  noevents: boolean;
  error: string | null;
  requireDyad: boolean;
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(tag);
  return m ? m[1] : null;
};

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Read the PETRARCH validation records (the XML file, or the JSONL made from it). */
export function readPetrRecords(file: string): PetrRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DyadError('E_INPUT_NOT_FOUND', `cannot read ${file}: ${(e as Error).message}`);
  }
  return /\.jsonl$/i.test(file) ? fromJsonl(text) : fromXml(text, file);
}

function isoDate(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

function fromJsonl(text: string): PetrRecord[] {
  return text.split(/\r?\n/).filter((l) => l.trim()).map((l) => {
    const r = JSON.parse(l);
    return {
      id: r.id, category: r.category, date: isoDate(r.date), text: r.text,
      events: r.expected.events.map((e: Triple) => ({ source: e.source, target: e.target, code: e.code })),
      noevents: !!r.expected.noevents, error: r.expected.error ?? null, requireDyad: r.config?.require_dyad !== false,
    };
  });
}

/** A small reader for this file's regular XML: <Config> elements between records change options. */
function fromXml(text: string, file: string): PetrRecord[] {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const out: PetrRecord[] = [];
  let requireDyad = true;
  const re = /<Config\b[^>]*>|<Sentence\b([^>]*)>([\s\S]*?)<\/Sentence>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[0].startsWith('<Config')) {
      if (attr(m[0], 'option') === 'require_dyad') requireDyad = (attr(m[0], 'value') ?? '').toLowerCase() !== 'false';
      continue;
    }
    const head = m[1];
    const inner = m[2];
    const t = /<Text>([\s\S]*?)<\/Text>/.exec(inner);
    if (!t) throw new DyadError('E_INPUT_READ', `record ${attr(head, 'id')} has no <Text>`, file);
    const events: Triple[] = [];
    let noevents = false;
    let error: string | null = null;
    for (const c of inner.match(/<EventCoding\b[^>]*>/g) ?? []) {
      if (attr(c, 'noevents')?.toLowerCase() === 'true') noevents = true;
      else if (attr(c, 'error')) error = attr(c, 'error');
      else events.push({ source: attr(c, 'sourcecode') ?? '', target: attr(c, 'targetcode') ?? '', code: attr(c, 'eventcode') ?? '' });
    }
    out.push({
      id: attr(head, 'id') ?? `#${out.length + 1}`, category: attr(head, 'category') ?? '', date: isoDate(attr(head, 'date') ?? '19000101'),
      text: unescape(t[1]).replace(/\s+/g, ' ').trim(), events, noevents, error, requireDyad,
    });
  }
  return out;
}

/** PETRARCH's notation for dyad's actors: an unresolved actor with a sector is "---GOV"; none is "---". */
export function petrCode(a: Event['source'] | null): string {
  if (!a) return '---';
  return a.code ?? `---${a.sector ?? ''}`;
}

export interface RecordResult {
  record: PetrRecord;
  got: Triple[];
  pass: boolean;
  crashed: string | null;
  tp: number;
}

/** multiset match of triples */
function matchCount(a: Triple[], b: Triple[]): number {
  const pool = b.map((t) => `${t.source}|${t.target}|${t.code}`);
  let n = 0;
  for (const t of a) {
    const i = pool.indexOf(`${t.source}|${t.target}|${t.code}`);
    if (i >= 0) { pool.splice(i, 1); n++; }
  }
  return n;
}

/**
 * Score one record the way PETRARCH-1's validator does: it passes when the coded triples equal the expected
 * ones exactly (as multisets); a "noevents" or error record passes when nothing is coded.
 */
export function scoreRecord(record: PetrRecord, code: () => Event[]): RecordResult {
  let got: Triple[] = [];
  let crashed: string | null = null;
  try {
    const events = code().filter((e) => !record.requireDyad || e.target !== null);
    got = events.map((e) => ({ source: petrCode(e.source), target: petrCode(e.target), code: e.cameo }));
  } catch (e) {
    crashed = (e as Error).message;
  }
  const want = record.events;
  const tp = matchCount(got, want);
  const pass = !crashed && (want.length === 0 ? got.length === 0 : tp === want.length && got.length === want.length);
  return { record, got, pass, crashed, tp };
}

export function summarize(results: RecordResult[]) {
  const gold = results.reduce((a, r) => a + r.record.events.length, 0);
  const predicted = results.reduce((a, r) => a + r.got.length, 0);
  const tp = results.reduce((a, r) => a + r.tp, 0);
  return { n: results.length, exact: results.filter((r) => r.pass).length, crashes: results.filter((r) => r.crashed).length, ...prf(tp, predicted, gold), gold, predicted, tp };
}
