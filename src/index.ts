import './core/v8-heap.js'; // first: V8 heap tuning before any data is allocated (see the file)
export { code, codeDoc, buildPipeline, defaultStages, makeDoc, type CodeOptions } from './pipeline.js';
export { codeDocs, batchesOf, BATCH_CHARS, BATCH_DOCS, type DocInput } from './batch.js';
export { Doc } from './core/doc.js';
export type { Token, Sentence, Chunk, Clause, VerbGroup, ActorMention, Span } from './core/doc.js';
export type { Event, EventActor, PloverInfo, Evidence, EventLocation, Explanation } from './core/event.js';
export { Pipeline, type Stage } from './core/stage.js';
export { DyadError, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { tokenizeStage, parseStage } from './nlp/stage.js';
export { actorsStage } from './actors/stage.js';
export { eventsStage } from './events/stage.js';
export { cameoTable, cameoInfo } from './events/cameo.js';
