import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DyadError } from '../core/errors.js';
import { ActorDictionary } from '../actors/dictionary.js';
import { defaultActors } from '../actors/defaults.js';
import type { DiscardList } from '../actors/discards.js';
import { VerbDictionary, parsePatterns } from '../events/dictionary.js';
import { defaultVerbs, defaultNouns } from '../events/defaults.js';
import { importDictionaries, readBundle, addBundleActors, bundleParts, type DictBundle } from './bundle.js';

export type DictMode = 'replace' | 'add';

/** What a bundle gives the coder: pass `actors`, `verbs` and `nouns` to `code()` / `codeDoc()`. */
export interface LoadedDict {
  /** actors, agents and discards (the defaults underneath in 'add' mode, or for parts the bundle lacks) */
  actors: ActorDictionary;
  /** verb patterns; undefined when the bundle has none (the coder then uses dyad's own) */
  verbs?: VerbDictionary;
  /** nominal patterns; undefined when the bundle has none */
  nouns?: VerbDictionary;
  /** the discard list in use (also `actors.discards`) */
  discards: DiscardList;
  bundle: DictBundle;
}

const cache = new Map<string, LoadedDict>();

/** Is this path a bundle written by `dyad dict import` (a JSON file), rather than PETRARCH files? */
function isBundleFile(p: string): boolean {
  if (!existsSync(p) || statSync(p).isDirectory()) return false;
  if (p.endsWith('.json')) return true;
  const head = readFileSync(p, 'utf8').slice(0, 64);
  return head.trimStart().startsWith('{');
}

/**
 * Load dictionaries for coding: a bundle file (`dyad dict import --out`), or PETRARCH/TABARI dictionary
 * files and folders (converted on the fly). `mode` 'replace' (default) uses the bundle's parts instead of
 * dyad's defaults (parts the bundle lacks keep the defaults); 'add' puts them on top of the defaults (a
 * phrase in both resolves to the bundle's entry). Results are cached per process.
 */
export function loadDictBundle(paths: string | string[], opts: { mode?: DictMode } = {}): LoadedDict {
  const list = (Array.isArray(paths) ? paths : [paths]).map((p) => path.resolve(p));
  if (!list.length) throw new DyadError('E_USAGE', 'no dictionary path given');
  const mode = opts.mode ?? 'replace';
  if (mode !== 'replace' && mode !== 'add') throw new DyadError('E_USAGE', `dictionary mode must be 'replace' or 'add', got '${mode}'`);
  const key = `${mode}\u0000${list.join('\u0000')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let bundle: DictBundle;
  if (list.length === 1 && isBundleFile(list[0])) bundle = readBundle(list[0]);
  else bundle = importDictionaries(list);
  const loaded = fromBundle(bundle, mode, list.join(', '));
  cache.set(key, loaded);
  return loaded;
}

/** Build the coder's dictionaries from a bundle already in memory. */
export function fromBundle(bundle: DictBundle, mode: DictMode = 'replace', where = 'bundle'): LoadedDict {
  // defaults underneath (all of them in 'add' mode, the parts the bundle lacks in 'replace' mode), bundle on top
  const has = bundleParts(bundle);
  const actors = new ActorDictionary();
  actors.addAll(defaultActors(), mode === 'add' ? ['actors', 'agents', 'discards'] : (['actors', 'agents', 'discards'] as const).filter((p) => !has.includes(p)));
  actors.layer = 1;
  addBundleActors(actors, bundle);
  let verbs: VerbDictionary | undefined;
  if (bundle.verbs) {
    verbs = parsePatterns(bundle.verbs, `${where} (verbs)`);
    if (mode === 'add') {
      const both = new VerbDictionary();
      both.merge(defaultVerbs());
      both.merge(verbs);
      verbs = both;
    }
  }
  let nouns: VerbDictionary | undefined;
  if (bundle.nouns) {
    nouns = parsePatterns(bundle.nouns, `${where} (nouns)`);
    if (mode === 'add') {
      const both = new VerbDictionary();
      both.merge(defaultNouns());
      both.merge(nouns);
      nouns = both;
    }
  }
  return { actors, verbs, nouns, discards: actors.discards, bundle };
}
