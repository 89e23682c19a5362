import { pathToFileURL } from 'node:url';
import { loadCorpus, cycle } from './corpus.js';
import { Coder } from './runner.js';

/**
 * Run by the bench as a separate process: code `n` bench documents (the first `baseDocs` distinct ones,
 * repeated) in batches as codeDocs does, then print the process's peak RSS. The bench process's own peak
 * also holds the floor runs' memory; this one is dyad's alone.
 * argv: baseDocs n sharedEval
 */
export function codeForRss(baseDocs: number, n: number, sharedEval: string): { maxRssMb: number; sentences: number; events: number } {
  const base = loadCorpus(sharedEval).docs.slice(0, baseDocs);
  const p = new Coder().pass(cycle(base, n));
  return { maxRssMb: process.resourceUsage().maxRSS / 1024, sentences: p.sentences, events: p.events };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [baseDocs, n, sharedEval] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(codeForRss(Number(baseDocs), Number(n), sharedEval)) + '\n');
}
