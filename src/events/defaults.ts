import { existsSync } from 'node:fs';
import { dataPath } from '../core/paths.js';
import { VerbDictionary, loadPatternFile } from './dictionary.js';

let verbs: VerbDictionary | null = null;
let nouns: VerbDictionary | null = null;

/** dyad's own verb patterns (data/verbs/verbs.txt), compiled once */
export function defaultVerbs(): VerbDictionary {
  if (!verbs) {
    verbs = new VerbDictionary();
    const f = dataPath('verbs', 'verbs.txt');
    if (existsSync(f)) loadPatternFile(f, verbs);
  }
  return verbs;
}

/** nominal event patterns (data/verbs/nouns.txt) */
export function defaultNouns(): VerbDictionary {
  if (!nouns) {
    nouns = new VerbDictionary();
    const f = dataPath('verbs', 'nouns.txt');
    if (existsSync(f)) loadPatternFile(f, nouns);
  }
  return nouns;
}
