import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package root (the folder holding data/), from the compiled file's location in dist/src/core/. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DATA_DIR = path.join(PACKAGE_ROOT, 'data');

export function dataPath(...parts: string[]): string {
  return path.join(DATA_DIR, ...parts);
}
