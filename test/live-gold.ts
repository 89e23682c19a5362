// Extraction accuracy against hand-made gold (test/fixtures/live/{pages,heldout}/NAME.gold.json): the share
// of the article's sentences kept, and the share of boilerplate lines removed. Used by live-extract.test.ts
// and scripts/live-bench.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LIVE_FIXTURES } from './live-server.js';

export interface Gold {
  /** the story's paragraphs (the headline is not counted: it is kept as the title) */
  article: string[];
  /** page furniture, one line each: navigation, cookie banners, captions, related links, footers… */
  boilerplate: string[];
}

export interface GoldPage {
  set: 'pages' | 'heldout';
  name: string;
  html: string;
  gold: Gold;
}

export function goldPages(set: 'pages' | 'heldout'): GoldPage[] {
  const dir = path.join(LIVE_FIXTURES, set);
  return readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort().map((f) => {
    const name = f.replace(/\.gold\.json$/, '');
    return {
      set, name, html: readFileSync(path.join(dir, `${name}.html`), 'utf8'),
      gold: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Gold,
    };
  });
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** sentences of a paragraph: split after . ! ? (and a closing quote) before a capital or an opening quote */
export function sentences(paragraph: string): string[] {
  return norm(paragraph).split(/(?<=[.!?][”"’)]?)\s+(?=[“"‘(]?[A-Z])/).filter(Boolean);
}

export interface Score {
  sentences: number;
  kept: number;
  boilerplate: number;
  removed: number;
  missed: string[];
  leaked: string[];
}

/** how much of the gold article `text` keeps, and how much of the boilerplate it drops */
export function score(text: string, gold: Gold): Score {
  const flat = norm(text);
  const lines = text.split('\n').map(norm).filter(Boolean);
  const s: Score = { sentences: 0, kept: 0, boilerplate: gold.boilerplate.length, removed: 0, missed: [], leaked: [] };
  for (const sent of gold.article.flatMap(sentences)) {
    s.sentences++;
    if (flat.includes(sent)) s.kept++;
    else s.missed.push(sent);
  }
  for (const b of gold.boilerplate) {
    const item = norm(b);
    const word = new RegExp(`(^|[^\\p{L}\\p{N}])${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u');
    // a long line anywhere in the text; a short label only as most of a line ("World › Europe"), not inside a
    // sentence or another leaked line
    const leaked = item.length >= 20 ? flat.includes(item) : lines.some((l) => l.length <= item.length + 15 && word.test(l));
    if (leaked) s.leaked.push(item);
    else s.removed++;
  }
  return s;
}

export function total(scores: Score[]): Score {
  return scores.reduce((a, b) => ({
    sentences: a.sentences + b.sentences, kept: a.kept + b.kept, boilerplate: a.boilerplate + b.boilerplate,
    removed: a.removed + b.removed, missed: [...a.missed, ...b.missed], leaked: [...a.leaked, ...b.leaked],
  }), { sentences: 0, kept: 0, boilerplate: 0, removed: 0, missed: [], leaked: [] });
}
