import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DyadError } from '../core/errors.js';
import type { ActorEntry } from '../actors/model.js';
import { parseDatedCode, formatDatedCode } from '../actors/model.js';
import { ActorDictionary, type AgentDef, type DictPart } from '../actors/dictionary.js';
import type { DiscardRule } from '../actors/discards.js';
import { parsePetrActors } from './petr-actors.js';
import { parsePetrAgents, parsePetrDiscards } from './petr-agents.js';
import { convertPetrVerbs } from './petr-verbs.js';

export type DictFileType = 'actors' | 'agents' | 'verbs' | 'discards' | 'issues' | 'other';

/** An actor entry as stored in a bundle: codes as "CODE" or "CODE@FROM..TO". */
export interface BundleActor {
  id: string;
  kind: ActorEntry['kind'];
  label: string;
  names: string[];
  codes: string[];
  origin: string;
  casing?: ActorEntry['casing'];
}

/** dyad's dictionary bundle (docs/dictionaries.md): what `dyad dict import` writes and `--dict` reads. */
export interface DictBundle {
  format: 'dyad-dict';
  version: 1;
  created: string;
  sources: { file: string; type: DictFileType; counts: Record<string, unknown> }[];
  actors: BundleActor[];
  agents: AgentDef[];
  /** verb patterns in dyad's syntax (data/verbs/verbs.txt), or null */
  verbs: string | null;
  /** nominal patterns in dyad's syntax (data/verbs/nouns.txt), or null (PETRARCH has none) */
  nouns: string | null;
  discards: DiscardRule[];
  warnings: string[];
}

/** Which kind of PETRARCH/TABARI dictionary a file is, from its name, else from its first lines. */
export function detectType(file: string, text?: string): DictFileType {
  const base = path.basename(file).toLowerCase();
  if (/^(license|readme|notice)|\.(md|xml|jsonl|json|ini|py)$/.test(base)) return 'other';
  if (/issue/.test(base)) return 'issues';
  if (/actor/.test(base)) return 'actors';
  if (/agent/.test(base)) return 'agents';
  if (/discard/.test(base)) return 'discards';
  if (/verb|cameo/.test(base)) return 'verbs';
  if (text !== undefined) {
    if (/^---\s.*---\s*$/m.test(text)) return 'verbs';
    if (/\[\s*~|~\s*\]/.test(text)) return 'agents';
    if (/^\S.*\[[A-Z-]{3,}[^\]]*\]/m.test(text)) return 'actors';
  }
  return 'other';
}

function listFiles(p: string): string[] {
  if (!existsSync(p)) throw new DyadError('E_DICT_READ', `no such dictionary file or folder: ${p}`);
  if (statSync(p).isDirectory()) return readdirSync(p).sort().map((f) => path.join(p, f)).filter((f) => statSync(f).isFile());
  return [p];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new DyadError('E_DICT_READ', `cannot read ${file}: ${(e as Error).message}`);
  }
}

/**
 * Import PETRARCH/TABARI dictionaries (files or folders of them) into one dyad bundle. Actor, agent, verb
 * and discard files are converted; issue files and other files are listed in `sources` as skipped.
 * Syntax errors throw DyadError('E_DICT_SYNTAX') with file:line; data problems become `warnings`.
 */
export function importDictionaries(paths: string[]): DictBundle {
  const b: DictBundle = { format: 'dyad-dict', version: 1, created: new Date().toISOString(), sources: [], actors: [], agents: [], verbs: null, nouns: null, discards: [], warnings: [] };
  const verbTexts: string[] = [];
  for (const p of paths) {
    for (const file of listFiles(p)) {
      const text = readText(file);
      const type = detectType(file, text);
      const rel = path.basename(file);
      if (type === 'actors') {
        const r = parsePetrActors(text, rel);
        for (const e of r.entries) b.actors.push({ id: e.id, kind: e.kind, label: e.label, names: e.names, codes: e.codes.map(formatDatedCode), origin: e.origin, casing: e.casing });
        b.warnings.push(...r.warnings);
        b.sources.push({ file, type, counts: r.counts });
      } else if (type === 'agents') {
        const r = parsePetrAgents(text, rel);
        b.agents.push(...r.agents);
        b.warnings.push(...r.warnings);
        b.sources.push({ file, type, counts: r.counts });
      } else if (type === 'verbs') {
        const r = convertPetrVerbs(text, rel);
        verbTexts.push(r.text);
        b.warnings.push(...r.warnings);
        b.sources.push({ file, type, counts: r.counts });
      } else if (type === 'discards') {
        const r = parsePetrDiscards(text, rel);
        b.discards.push(...r.rules);
        b.sources.push({ file, type, counts: r.counts });
      } else {
        b.sources.push({ file, type, counts: { skipped: type === 'issues' ? 'issue coding is not supported' : 'not a dictionary' } });
      }
    }
  }
  if (verbTexts.length) b.verbs = verbTexts.join('\n');
  return b;
}

export function writeBundle(b: DictBundle, file: string): void {
  try {
    writeFileSync(file, JSON.stringify(b) + '\n');
  } catch (e) {
    throw new DyadError('E_DICT_READ', `cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Read a bundle file written by `dyad dict import` (checks its format). */
export function readBundle(file: string): DictBundle {
  const text = readText(file);
  let b: DictBundle;
  try {
    b = JSON.parse(text) as DictBundle;
  } catch (e) {
    throw new DyadError('E_DICT_SYNTAX', `not a JSON dictionary bundle: ${(e as Error).message}`, file);
  }
  if (!b || b.format !== 'dyad-dict' || b.version !== 1) throw new DyadError('E_DICT_SYNTAX', "not a dyad dictionary bundle (format 'dyad-dict', version 1)", file);
  for (const k of ['actors', 'agents', 'discards'] as const) if (!Array.isArray(b[k])) throw new DyadError('E_DICT_SYNTAX', `bundle field '${k}' must be a list`, file);
  return b;
}

/** Which parts a bundle has (the others come from dyad's defaults in 'replace' mode). */
export function bundleParts(b: DictBundle): DictPart[] {
  const parts: DictPart[] = [];
  if (b.actors.length) parts.push('actors');
  if (b.agents.length) parts.push('agents');
  if (b.discards.length) parts.push('discards');
  return parts;
}

/** Add the actor side of a bundle (actors, agents, discards) to a dictionary, on its current layer. */
export function addBundleActors(d: ActorDictionary, b: DictBundle): ActorDictionary {
  for (const a of b.actors) {
    d.addEntry({ id: a.id, kind: a.kind, names: a.names, codes: a.codes.map(parseDatedCode), label: a.label, origin: a.origin, casing: a.casing });
  }
  for (const a of b.agents) d.addAgent(a);
  for (const r of b.discards) d.discards.add(r);
  d.sources.push(...b.sources.filter((s) => s.type !== 'other' && s.type !== 'issues').map((s) => s.file));
  return d;
}
