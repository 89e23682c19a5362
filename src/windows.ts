/**
 * Bounded memory and time for any text size. A Doc costs about 300 MB of heap per MB of text and some
 * stages do work that grows faster than the text, so a 50 MB "article" (a dump) would exhaust the heap.
 * `code()` therefore codes a text longer than WINDOW_CHARS in windows of at most WINDOW_CHARS, cut at the
 * last blank line in the second half of each window (else a line break, else a sentence end, else a
 * space), and merges the events: offsets and sentence numbers refer to the whole text, ids are renumbered.
 * A text that fits one window is coded exactly as before; a longer one loses only what links across a cut
 * (a pronoun whose antecedent is in the previous window). Never cuts a surrogate pair.
 */
import type { Doc } from './core/doc.js';
import type { Event } from './core/event.js';
import { checkText } from './core/input.js';
import { toSource, type SourceMap } from './core/html.js';
import { htmlText } from './core/source.js';

export const WINDOW_CHARS = 250_000;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** the best cut in (floor, limit]: an offset just after a break, preferring blank lines, lines, sentences, spaces */
function cutIn(text: string, floor: number, limit: number): number {
  const tests: ((i: number) => boolean)[] = [
    (i) => text[i] === '\n' && /\n\r?$/.test(text.slice(Math.max(0, i - 2), i)),
    (i) => text[i] === '\n',
    (i) => /\s/.test(text[i]) && /[.!?。！？]["”’)]?$/.test(text.slice(Math.max(0, i - 2), i)),
    (i) => /\s/.test(text[i]),
  ];
  for (const ok of tests) for (let i = limit - 1; i > floor; i--) if (ok(i)) return i + 1;
  return isHigh(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
}

/** window boundaries [0, c1, ..., text.length] for a text */
export function windowCuts(text: string, size = WINDOW_CHARS): number[] {
  const cuts = [0];
  let a = 0;
  while (text.length - a > size) {
    a = cutIn(text, a + (size >> 1), a + size);
    cuts.push(a);
  }
  cuts.push(text.length);
  return cuts;
}

/** options the windowed coder needs to know about */
export interface WindowOptions {
  id?: string;
  html?: boolean;
}

/**
 * Code `text` with `codeDoc` in windows (see the module comment), yielding each window's events as soon as
 * they are coded, so a caller that writes them out holds one window at a time. `codeDoc` is the
 * single-document coder (src/pipeline.ts passes its own, so this module does not depend on the pipeline);
 * `onDoc` sees each window's Doc (the whole text's when it fits one window). Input errors (an empty text,
 * a NUL, HTML without text) are thrown before anything is yielded.
 */
export function* eventWindows<O extends WindowOptions>(
  text: string, opts: O, codeDoc: (text: string, opts: O) => Doc, onDoc?: (doc: Doc) => void, size = WINDOW_CHARS,
): Generator<Event[]> {
  checkText(text);
  let base = text;
  let map: SourceMap | null = null;
  if (opts.html) {
    const h = htmlText(text);
    base = h.text;
    map = h.map;
  }
  if (base.length <= size) {
    const doc = codeDoc(text, opts);
    onDoc?.(doc);
    yield doc.events;
    return;
  }
  const cuts = windowCuts(base, size);
  let n = 0;
  let sentences = 0;
  for (let w = 0; w + 1 < cuts.length; w++) {
    const a = cuts[w];
    const piece = base.slice(a, cuts[w + 1]);
    if (piece.trim().length === 0) continue;
    const doc = codeDoc(piece, { ...opts, html: false });
    onDoc?.(doc);
    for (const ev of doc.events) {
      ev.evidence.start += a;
      ev.evidence.end += a;
      ev.sentence += sentences;
      ev.id = `${doc.id}:${ev.sentence}:${n++}`;
      if (map) {
        const r = toSource(map, ev.evidence.start, ev.evidence.end);
        ev.evidence.source_start = r.start;
        ev.evidence.source_end = r.end;
      }
    }
    sentences += doc.sentences.length;
    yield doc.events;
  }
}

/** All the events of `text`, coded in windows (eventWindows, collected). */
export function codeInWindows<O extends WindowOptions>(
  text: string, opts: O, codeDoc: (text: string, opts: O) => Doc, onDoc?: (doc: Doc) => void, size = WINDOW_CHARS,
): Event[] {
  const out: Event[] = [];
  for (const events of eventWindows(text, opts, codeDoc, onDoc, size)) for (const ev of events) out.push(ev);
  return out;
}
