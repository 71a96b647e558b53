// Every kata under a folder, in its learning track's order; broken ones are reported, not hidden.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleSource } from '../runner.js';
import { KataError, loadKata, type Kata } from './kata.js';

/** The katas shipped with Katabox; KATABOX_KATAS points elsewhere. */
export function defaultKatasDir(): string {
  return process.env.KATABOX_KATAS ?? fileURLToPath(new URL('../../../katas', import.meta.url));
}

/** A learning track: katas meant to be done in order (katas/tracks.json lists them in order). */
export interface Track {
  slug: string;
  title: string;
  description: string;
}

export interface Catalog {
  tracks: Track[];
  /** By track, then by their order in it. */
  katas: Kata[];
  broken: KataError[];
}

function readTracks(root: string): { tracks: Track[]; problems: string[] } {
  const file = path.join(root, 'tracks.json');
  if (!fs.existsSync(file)) return { tracks: [], problems: [] };
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const ok = Array.isArray(raw) && raw.every((t) => typeof t?.slug === 'string' && typeof t.title === 'string' && typeof t.description === 'string');
    if (ok) return { tracks: (raw as Track[]).map(({ slug, title, description }) => ({ slug, title, description })), problems: [] };
  } catch {
    // reported below
  }
  return { tracks: [], problems: ['tracks.json must be an array of { "slug", "title", "description" }'] };
}

export function loadCatalog(root: string = defaultKatasDir()): Catalog {
  const { tracks, problems } = readTracks(root);
  const katas: Kata[] = [];
  const broken: KataError[] = problems.length > 0 ? [new KataError(root, problems)] : [];
  const trackIndex = new Map(tracks.map((t, i) => [t.slug, i]));
  const entries = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }) : [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = path.join(root, entry.name);
    try {
      const kata = loadKata(dir);
      if (!trackIndex.has(kata.meta.track)) throw new KataError(dir, [`kata.json: track "${kata.meta.track}" is not in tracks.json (${tracks.map((t) => t.slug).join(', ') || 'none'})`]);
      katas.push(kata);
    } catch (err) {
      if (!(err instanceof KataError)) throw err;
      broken.push(err);
    }
  }
  katas.sort((a, b) => trackIndex.get(a.meta.track)! - trackIndex.get(b.meta.track)! || a.meta.order - b.meta.order || a.meta.slug.localeCompare(b.meta.slug));
  return { tracks, katas, broken };
}

/** The installed katas as a bundle source: each kata at the version its folder holds now. */
export function installedBundles(katas: Kata[]): BundleSource {
  const bySlug = new Map(katas.map((k) => [k.meta.slug, k.bundle]));
  return (slug, version) => {
    const bundle = bySlug.get(slug);
    return bundle?.version === version ? bundle : undefined;
  };
}
