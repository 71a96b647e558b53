// The katas as the browser may see them. Only this module turns a sandbox Kata into API output,
// and it copies named fields: the reference solution, the probes and wrong/ stay on the server,
// and the debrief is handed out only to a learner who has solved the kata.
import type { Kata, Track } from '../../sandbox/index.js';
import type { KataPage, Progress } from '../contract/index.js';
import type { KataActivity } from './storage/store.js';

export type PublicKata = KataPage['kata'];

export function publicMeta(kata: Kata): Omit<PublicKata, 'prompt' | 'starter' | 'hints'> {
  const { slug, title, track, order, difficulty, tags, minutes, version } = kata.meta;
  return { slug, title, track, order, difficulty, tags, minutes, version };
}

export function publicKata(kata: Kata): PublicKata {
  return { ...publicMeta(kata), prompt: kata.prompt, starter: kata.starter, hints: kata.meta.hints };
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

  constructor(
    /** By track, then by order. */
    readonly all: Kata[],
    readonly tracks: Track[],
  ) {
    this.bySlug = new Map(all.map((k) => [k.meta.slug, k]));
    this.tags = [...new Set(all.flatMap((k) => k.meta.tags))].sort();
  }

  find(slug: string): Kata | undefined {
    return this.bySlug.get(slug);
  }

  /** The kata after this one in its track, if any. */
  next(kata: Kata): Kata | undefined {
    const after = this.all[this.all.indexOf(kata) + 1];
    return after?.meta.track === kata.meta.track ? after : undefined;
  }
}
