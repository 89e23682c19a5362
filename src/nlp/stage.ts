import type { Stage } from '../core/stage.js';
import type { Doc } from '../core/doc.js';
import { annotate } from './wink.js';
import { chunkSentence } from './chunks.js';
import { clauseSentence } from './clauses.js';
import { repairSentence } from './pos-repair.js';

/** Tokens, sentences, POS and lemmas from wink-nlp. */
export const tokenizeStage: Stage = {
  name: 'tokenize',
  requires: ['text'],
  assigns: ['tokens', 'sentences', 'pos', 'lemmas'],
  run(doc: Doc) {
    annotate(doc);
  },
};

/** Our shallow parser: NP/VG chunks, voice, clauses with subjects. */
export const parseStage: Stage = {
  name: 'parse',
  requires: ['tokens', 'pos', 'lemmas'],
  assigns: ['chunks', 'verbs', 'clauses'],
  run(doc: Doc) {
    doc.chunks = [];
    doc.verbs = [];
    doc.clauses = [];
    for (let s = 0; s < doc.sentences.length; s++) {
      const c0 = doc.chunks.length;
      const v0 = doc.verbs.length;
      repairSentence(doc.tokens, doc.sentences[s].first, doc.sentences[s].last);
      chunkSentence(doc, s);
      clauseSentence(doc, s, c0, v0);
    }
  },
};
