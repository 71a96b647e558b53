// Every kata under a folder, sorted by difficulty, then estimated time; broken ones are reported, not hidden.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KataError, loadKata, type Kata } from './kata.js';

/** The katas shipped with Katabox; KATABOX_KATAS points elsewhere. */
export function defaultKatasDir(): string {
  return process.env.KATABOX_KATAS ?? fileURLToPath(new URL('../../../katas', import.meta.url));
}

export interface Catalog {
  katas: Kata[];
  broken: KataError[];
}

const order = { easy: 0, medium: 1, hard: 2 };

export function loadCatalog(root: string = defaultKatasDir()): Catalog {
  const katas: Kata[] = [];
  const broken: KataError[] = [];
  const entries = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }) : [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    try {
      katas.push(loadKata(path.join(root, entry.name)));
    } catch (err) {
      if (!(err instanceof KataError)) throw err;
      broken.push(err);
    }
  }
  katas.sort((a, b) => order[a.meta.difficulty] - order[b.meta.difficulty] || a.meta.minutes - b.meta.minutes || a.meta.slug.localeCompare(b.meta.slug));
  return { katas, broken };
}
