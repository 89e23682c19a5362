import { defaultWink, wink } from '../nlp/wink.js';
import type { BenchDoc } from './corpus.js';

export interface FloorPass {
  ms: number;
  /** process CPU time (user + system) */
  cpuMs: number;
  /** sentences and tokens as wink counts them */
  sentences: number;
  tokens: number;
}

/**
 * The floor: what wink-nlp alone costs to tokenise and POS-tag the documents: readDoc, then read every
 * token's POS. Same instance and configuration (sbd + pos pipes) as the tokenize stage (src/nlp/wink.ts).
 * No coder can be faster than this while it uses wink-nlp for tokens and tags.
 *
 * With `defaults`, the same with wink as `winkNLP(model)` sets it up by default (defaultWink: negation,
 * sentiment, ner and cer pipes too): not a floor, a reference: what reading text with wink-nlp costs a user
 * who takes its defaults, ~1.6× the floor's time on this machine (docs/performance.md).
 */
export function floorPass(docs: readonly BenchDoc[], defaults = false): FloorPass {
  const w = defaults ? defaultWink() : wink();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const its = w.its as any;
  let sentences = 0;
  let tokens = 0;
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of docs) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const wd = w.readDoc(d.text) as any;
    const pos = wd.tokens().out(its.pos) as string[];
    tokens += pos.length;
    sentences += wd.sentences().length() as number;
  }
  const ms = performance.now() - t0;
  const u = process.cpuUsage(u0);
  return { ms, cpuMs: (u.user + u.system) / 1000, sentences, tokens };
}
