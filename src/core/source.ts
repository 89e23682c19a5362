/** Text from markup: making a Doc from HTML and reporting evidence against the original. */
import type { Stage } from './stage.js';
import type { Doc } from './doc.js';
import { DyadError } from './errors.js';
import { extractHtml, toSource, type HtmlText } from './html.js';

/** The text to code from an HTML document; E_INPUT_EMPTY when no text is left once the markup is gone. */
export function htmlText(html: string, where?: string): HtmlText {
  const r = extractHtml(html);
  if (r.text.trim().length === 0) throw new DyadError('E_INPUT_EMPTY', 'no text left after removing the HTML markup', where);
  return r;
}

/**
 * source-offsets: for a Doc made from HTML, add evidence.source_start/source_end, the range of the original
 * HTML each event's evidence came from. Does nothing for plain text (the fields stay absent).
 */
export const sourceOffsetsStage: Stage = {
  name: 'source-offsets',
  requires: ['events'],
  assigns: ['source-offsets'],
  run(doc: Doc) {
    const map = doc.origin;
    if (!map) return;
    for (const ev of doc.events) {
      const r = toSource(map, ev.evidence.start, ev.evidence.end);
      ev.evidence.source_start = r.start;
      ev.evidence.source_end = r.end;
    }
  },
};
