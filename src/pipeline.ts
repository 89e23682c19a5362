import './core/v8-heap.js'; // first: V8 heap tuning before any data is allocated (see the file)
import { Pipeline, type Stage } from './core/stage.js';
import { Doc } from './core/doc.js';
import type { Event } from './core/event.js';
import { checkText } from './core/input.js';
import { htmlText, sourceOffsetsStage } from './core/source.js';
import { codeInWindows } from './windows.js';
import { parseIsoDate, todayIso } from './core/dates.js';
import { tokenizeStage, parseStage } from './nlp/stage.js';
import { actorsStage } from './actors/stage.js';
import { actorDatesStage } from './actors/event-dates.js';
import { eventsStage, type EventOptions } from './events/stage.js';
import type { ActorDictionary } from './actors/dictionary.js';
import { placesStage, locateStage } from './geo/stage.js';
import { datesStage } from './dates/stage.js';
import { ploverContextStage } from './events/plover-context.js';

export interface CodeOptions extends EventOptions {
  /** publication date YYYY-MM-DD (default: today) */
  date?: string;
  id?: string;
  source?: string | null;
  url?: string | null;
  actors?: ActorDictionary;
  /** the text is HTML: code the text extracted from it; evidence gets source_start/source_end in the HTML */
  html?: boolean;
}

/** The default stages in order: tokenize → parse → places → actors → events → plover-context → dates → locate. */
export function defaultStages(opts: CodeOptions = {}): Stage[] {
  return [tokenizeStage, parseStage, placesStage, actorsStage(opts.actors), eventsStage(opts), ploverContextStage, datesStage, actorDatesStage(opts.actors), locateStage, sourceOffsetsStage];
}

export function buildPipeline(opts: CodeOptions = {}): Pipeline {
  return new Pipeline(defaultStages(opts));
}

const pipelines = new Map<string, Pipeline>();

/** Make a Doc from text and options (validates the text and the date). */
export function makeDoc(text: string, opts: CodeOptions = {}): Doc {
  checkText(text);
  const date = opts.date ? parseIsoDate(opts.date, 'publication date') : todayIso();
  const h = opts.html ? htmlText(text) : null;
  return new Doc({ id: opts.id ?? 'doc', text: h ? h.text : text, date, source: opts.source ?? null, url: opts.url ?? null, origin: h?.map ?? null });
}

/** Run the pipeline over one article and return the Doc with every layer. */
export function codeDoc(text: string, opts: CodeOptions = {}): Doc {
  const key = JSON.stringify({ p: !!opts.partial, n: !!opts.negated, e: !!opts.explain });
  let p = opts.verbs || opts.nouns || opts.actors ? null : pipelines.get(key);
  if (!p) {
    p = buildPipeline(opts);
    if (!opts.verbs && !opts.nouns && !opts.actors) pipelines.set(key, p);
  }
  return p.run(makeDoc(text, opts));
}

/**
 * Code one article: text in, events out. A text longer than WINDOW_CHARS (250,000 characters) is coded in
 * windows so memory and time stay bounded (src/windows.ts); a shorter one gets exactly codeDoc's events.
 */
export function code(text: string, opts: CodeOptions = {}): Event[] {
  return codeInWindows(text, opts, codeDoc);
}
