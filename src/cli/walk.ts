/** Enumerate ingest inputs: files as given, folders recursively (.txt and .jsonl), "-" for stdin. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DyadError } from '../core/errors.js';
import { countLinesSync } from './lines.js';

export interface InputFile {
  path: string;
  jsonl: boolean;
  /** documents this file is expected to hold (non-empty lines for JSONL), for progress */
  expected: number;
}

const INGESTABLE = /\.(txt|jsonl)$/i;

function walkDir(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkDir(p, out);
    else if (e.isFile() && INGESTABLE.test(e.name)) out.push(p);
  }
}

/**
 * The files to ingest, in a stable order. A missing path is reported through onError and skipped.
 * Explicit files are taken whatever their extension (".jsonl" is JSONL, anything else one article).
 */
export function collectInputs(paths: string[], onError: (e: DyadError) => void): InputFile[] {
  const files: string[] = [];
  for (const p of paths) {
    if (p === '-') { files.push(p); continue; }
    let st;
    try {
      st = statSync(p);
    } catch {
      onError(new DyadError('E_INPUT_NOT_FOUND', 'no such file or folder', p));
      continue;
    }
    if (st.isDirectory()) walkDir(p, files);
    else files.push(p);
  }
  return files.map((f) => {
    const jsonl = /\.jsonl$/i.test(f);
    let expected = 1;
    if (jsonl) {
      try { expected = countLinesSync(f); } catch { expected = 1; }
    }
    return { path: f, jsonl, expected };
  });
}
