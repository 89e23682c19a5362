import { readFileSync } from 'node:fs';
import { DyadError } from '../core/errors.js';
import type { Event } from '../core/event.js';
import { classScores, type ClassScores } from './metrics.js';

/** PLOVER 0.5b1 gold labels → the 16 current (v2.0) types (crosswalk from the PLOVER manual's CAMEO table). */
export const PLOVER_CROSSWALK: Record<string, string> = {
  DEMAND: 'REQUEST', DISAPPROVE: 'ACCUSE', INVESTIGATE: 'ACCUSE', FIGHT: 'ASSAULT', COOPERATION: 'COOPERATE',
};

export interface GoldActor { code: string; sector: string | null }
export interface PloverRecord {
  id: string;
  text: string;
  event: string; // v2.0 label after the crosswalk
  rawEvent: string;
  source: GoldActor[];
  target: GoldActor[];
}

export function readPloverGold(file: string): PloverRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DyadError('E_INPUT_NOT_FOUND', `cannot read ${file}: ${(e as Error).message}`);
  }
  const out: PloverRecord[] = [];
  const actors = (v: unknown): GoldActor[] => (Array.isArray(v) ? v : []).map((a: { code?: string; sector?: string }) => ({ code: a.code ?? '', sector: a.sector && a.sector !== '***' ? a.sector : null }));
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line);
    } catch {
      throw new DyadError('E_INPUT_JSONL', 'not JSON', `${file}:${i + 1}`);
    }
    const raw = String(r.event ?? '');
    out.push({
      id: String(r.id ?? i + 1), text: String(r.text ?? '').trim(), rawEvent: raw, event: PLOVER_CROSSWALK[raw] ?? raw,
      source: actors(r.source), target: actors(r.target),
    });
  });
  return out;
}

/** does a predicted actor match a gold actor on country (and sector when the gold gives one)? */
export function actorAgrees(code: string | null, country: string | null, sector: string | null, gold: GoldActor[]): boolean {
  for (const g of gold) {
    const gc = g.code;
    const countryOk = gc === 'IGO' ? !!code && code.startsWith('IGO') : country === gc || (!!code && code.startsWith(gc));
    if (!countryOk) continue;
    if (!g.sector || g.sector === sector || (!!code && code.includes(g.sector))) return true;
  }
  return false;
}

export interface PloverResult {
  scores: ClassScores;
  covered: number;
  sourceAgree: number;
  targetAgree: number;
  targetGold: number;
  rows: PloverRow[];
}

/** one scored record, for the `--errors` listing */
export interface PloverRow {
  id: string;
  gold: string;
  pred: string;
  text: string;
  goldSource: GoldActor[];
  goldTarget: GoldActor[];
  /** the event chosen (null when nothing typed was coded) */
  best: Event | null;
  /** every typed event dyad coded for the record */
  events: Event[];
  sourceOk: boolean;
  targetOk: boolean | null;
}

/**
 * Score one record set: the predicted type of a record is the PLOVER type of its best event (the one whose
 * actors agree most with the gold; else the first with a type), or NONE when dyad codes nothing typed.
 */
export function scorePlover(records: PloverRecord[], codeOne: (text: string) => Event[]): PloverResult {
  const pairs: { gold: string; pred: string }[] = [];
  const rows: PloverResult['rows'] = [];
  let covered = 0, sourceAgree = 0, targetAgree = 0, targetGold = 0;
  for (const r of records) {
    const events = codeOne(r.text).filter((e) => e.plover.type);
    let best: Event | null = null;
    let bestScore = -1;
    for (const e of events) {
      const s = (actorAgrees(e.source.code, e.source.country, e.source.sector, r.source) ? 2 : 0)
        + (e.target && actorAgrees(e.target.code, e.target.country, e.target.sector, r.target) ? 1 : 0);
      if (s > bestScore) { best = e; bestScore = s; }
    }
    const pred = best?.plover.type ?? 'NONE';
    let sourceOk = false;
    let targetOk: boolean | null = null;
    if (best) {
      covered++;
      sourceOk = actorAgrees(best.source.code, best.source.country, best.source.sector, r.source);
      if (sourceOk) sourceAgree++;
      if (r.target.length) {
        targetGold++;
        targetOk = !!best.target && actorAgrees(best.target.code, best.target.country, best.target.sector, r.target);
        if (targetOk) targetAgree++;
      }
    }
    pairs.push({ gold: r.event, pred });
    rows.push({ id: r.id, gold: r.event, pred, text: r.text, goldSource: r.source, goldTarget: r.target, best, events, sourceOk, targetOk });
  }
  return { scores: classScores(pairs), covered, sourceAgree, targetAgree, targetGold, rows };
}

/** `GBR:GOV` style rendering of gold actors */
export const goldActorText = (as: GoldActor[]): string => (as.length ? as.map((a) => (a.sector ? `${a.code}:${a.sector}` : a.code)).join('+') : '-');

/** `USAGOV 163 IRN SANCTION` style rendering of one coded event */
export const eventText = (e: Event): string => `${e.source.code ?? '?'} ${e.cameo} ${e.target?.code ?? '-'} ${e.plover.type ?? '-'}`;

/**
 * Records `part` of `parts` (1-based), interleaved: records part, part + parts, part + 2·parts, … in file
 * order. The gold file is sorted by type, so interleaving keeps every type in every part; rules tuned
 * looking at one part can be checked on the other.
 */
export function slicePart<T>(records: T[], part: number, parts: number): T[] {
  return records.filter((_, i) => i % parts === part - 1);
}
