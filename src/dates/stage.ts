import type { Stage } from '../core/stage.js';
import type { Doc } from '../core/doc.js';
import type { DatePrecision } from '../core/event.js';
import { eventScope, clauseAt } from '../core/scope.js';
import { datesIn, type DateExpr } from './expressions.js';
import { SPEECH_VERBS } from '../nlp/lexicon.js';

/** A date expression placed on the tokens of its sentence. */
export interface PlacedDate extends DateExpr {
  /** token range */
  from: number;
  to: number;
  clause: number;
}

const FUTURE_MODALS = new Set(['will', 'would', 'shall', 'could', 'may', 'might', 'can', 'should', 'must']);
const RANK: Record<DatePrecision, number> = { day: 3, month: 2, year: 1 };

/** the date expressions of one sentence, with token ranges and clauses */
export function sentenceDates(doc: Doc, s: number): PlacedDate[] {
  const sent = doc.sentences[s];
  const text = doc.text.slice(sent.start, sent.end);
  const out: PlacedDate[] = [];
  for (const d of datesIn(text, doc.date)) {
    const a = sent.start + d.start;
    const b = sent.start + d.end;
    let from = -1;
    let to = -1;
    for (let k = sent.first; k < sent.last; k++) {
      const t = doc.tokens[k];
      if (t.end > a && t.start < b) { if (from < 0) from = k; to = k + 1; }
    }
    if (from < 0) continue;
    // written out, not spread: objects of one layout keep the reads of .date/.clause/.to monomorphic
    out.push({ start: d.start, end: d.end, text: d.text, date: d.date, precision: d.precision, kind: d.kind, from, to, clause: clauseAt(doc, from) });
  }
  return out;
}

/** the best of several dates for one event: the most precise, then the one nearest the clause's verb */
function best(doc: Doc, list: PlacedDate[], clause: number): PlacedDate | null {
  if (!list.length) return null;
  const cl = doc.clauses[clause];
  const anchor = cl.verb !== null ? doc.verbs[cl.verb].head : cl.start;
  // the first of the most precise, nearest ones: what a stable sort by (precision, distance) puts first
  let top = list[0];
  for (let k = 1; k < list.length; k++) {
    const d = list[k];
    const c = RANK[d.precision] - RANK[top.precision] || Math.abs(top.from - anchor) - Math.abs(d.from - anchor);
    if (c > 0) top = d;
  }
  return top;
}

/** Is the event's clause about the future or a possibility ("will attack", "could meet")? Then it is dated by the report. */
function forwardLooking(doc: Doc, clause: number): boolean {
  const cl = doc.clauses[clause];
  if (cl.verb === null) return false;
  const vg = doc.verbs[cl.verb];
  return vg.tense === 'future' || (vg.modal !== null && FUTURE_MODALS.has(vg.modal));
}

/**
 * The date of event i: a date expression of the event's own clauses; else one of the clauses it is embedded in
 * (not for relative clauses, which describe something else), a trailing attribution (", officials said on
 * Tuesday"), a fronted adverbial ("In 2011, ..."), or a verbless fragment of the sentence; never one
 * that belongs to another event's clause. Future and modal events, and events without any date expression,
 * take the publication date.
 */
export function dateEvent(doc: Doc, i: number, dates: PlacedDate[]): { date: string; precision: DatePrecision; from: PlacedDate | null } {
  const pub = { date: doc.date, precision: 'day' as DatePrecision, from: null };
  // every branch below picks one of `dates` or falls back to the publication date: no dates, no scope needed
  if (!dates.length) return pub;
  const scope = eventScope(doc, i);
  if (forwardLooking(doc, scope.clause)) {
    // a threat or promise is made when it is said: "Akar said on Saturday that X would be a target"
    for (const a of scope.ancestors) {
      const cla = doc.clauses[a];
      if (scope.others.has(a) || cla.verb === null || !SPEECH_VERBS.has(doc.verbs[cla.verb].lemma)) continue;
      const said = best(doc, dates.filter((d) => d.clause === a), a);
      if (said) return { date: said.date, precision: said.precision, from: said };
    }
    return pub;
  }
  const own = best(doc, dates.filter((d) => scope.own.has(d.clause)), scope.clause);
  if (own) return { date: own.date, precision: own.precision, from: own };
  const cl = doc.clauses[scope.clause];
  // ", killing five civilians": a participle that takes its subject from the clause before happened with it
  const consequence = cl.kind === 'participial' && !cl.subject.length && cl.subjectFrom !== null ? cl.parent : null;
  if (cl.kind !== 'relative') {
    for (const a of scope.ancestors) {
      if (scope.others.has(a) && a !== consequence) continue;
      const inh = best(doc, dates.filter((d) => d.clause === a), scope.clause);
      if (inh) return { date: inh.date, precision: inh.precision, from: inh };
      if (doc.clauses[a].kind === 'relative') break;
    }
  }
  // a trailing attribution dates what it reports: "Russia attacked Ukraine, officials said on Tuesday"
  let last: (typeof doc.clauses)[number] | undefined;
  for (let c = doc.clauses.length - 1; c >= 0 && !last; c--) if (doc.clauses[c].sent === scope.sent) last = doc.clauses[c];
  if (last && last.i !== scope.clause && last.verb !== null && !scope.others.has(last.i) && SPEECH_VERBS.has(doc.verbs[last.verb].lemma) && doc.tokens[last.start - 1]?.text === ',') {
    const att = best(doc, dates.filter((d) => d.clause === last.i), scope.clause);
    if (att) return { date: att.date, precision: att.precision, from: att };
  }
  // a fronted adverbial ("In 2011, NATO attacked Libya and France sent troops") dates the whole sentence
  const first = doc.sentences[scope.sent];
  const fronted = dates.filter((d) => doc.tokens[d.to]?.text === ',' && !doc.verbs.some((v) => doc.chunks[v.chunk].sent === scope.sent && doc.chunks[v.chunk].start < d.from && doc.chunks[v.chunk].start >= first.first));
  if (cl.kind !== 'relative' && fronted.length) {
    const f = best(doc, fronted, scope.clause)!;
    return { date: f.date, precision: f.precision, from: f };
  }
  const loose = best(doc, dates.filter((d) => d.clause >= 0 && doc.clauses[d.clause].verb === null && !scope.others.has(d.clause)), scope.clause);
  if (loose) return { date: loose.date, precision: loose.precision, from: loose };
  return pub;
}

/** dates: set event.date and event.date_precision for every event. */
export const datesStage: Stage = {
  name: 'dates',
  requires: ['events'],
  assigns: ['event-dates'],
  run(doc: Doc) {
    const bySentence = new Map<number, PlacedDate[]>();
    doc.events.forEach((ev, i) => {
      if (!doc.eventMeta[i]) return;
      const s = doc.clauses[doc.eventMeta[i].clause].sent;
      let dates = bySentence.get(s);
      if (!dates) { dates = sentenceDates(doc, s); bySentence.set(s, dates); }
      const r = dateEvent(doc, i, dates);
      ev.date = r.date;
      ev.date_precision = r.precision;
      ev.explain?.rules.push(r.from ? `date '${r.from.text}' → ${r.date} (${r.precision})` : `date: none in the event's clauses → publication date ${r.date}`);
    });
  },
};
