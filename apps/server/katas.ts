// The katas as the browser may see them. Only this module turns a sandbox Kata into API output,
// and it copies named fields: the reference solution, the probes and wrong/ stay on the server.
import type { Kata } from '../../sandbox/index.js';
import type { KataPage, Progress } from './schemas.js';
import type { KataActivity } from './storage/store.js';

export type PublicKata = KataPage['kata'];

export function publicMeta(kata: Kata): Omit<PublicKata, 'prompt' | 'starter'> {
  const { slug, title, difficulty, tags, minutes, version } = kata.meta;
  return { slug, title, difficulty, tags, minutes, version };
}

export function publicKata(kata: Kata): PublicKata {
  return { ...publicMeta(kata), prompt: kata.prompt, starter: kata.starter };
}

export function progressOf(activity: KataActivity | undefined): Progress {
  if (!activity) return { status: 'not_tried', bestScore: null, submissions: 0 };
  return { status: activity.solved ? 'solved' : 'attempted', bestScore: activity.bestScore, submissions: activity.submissions };
}

/** The katas by slug, loaded once at start-up. */
export class KataIndex {
  private readonly bySlug: Map<string, Kata>;
  /** Every tag any kata has, sorted. */
  readonly tags: string[];

  constructor(readonly all: Kata[]) {
    this.bySlug = new Map(all.map((k) => [k.meta.slug, k]));
    this.tags = [...new Set(all.flatMap((k) => k.meta.tags))].sort();
  }

  find(slug: string): Kata | undefined {
    return this.bySlug.get(slug);
  }
}
