// Timed practice: a learner starts a kata's timer against its estimate, and the server keeps the
// moment it started, so a reload, another tab or a changed clock alters nothing. Each submission
// made while it runs records the seconds since then, measured here: no client states a time. A
// timer left running for a day is abandoned and times nothing more.
import type { Kata } from '../../sandbox/index.js';
import type { Practice } from '../contract/index.js';
import type { Store } from './storage/store.js';

const MAX_SECONDS = 24 * 3600;

/** The timer running on the kata, with the seconds since it started; null when none runs (or it was abandoned). */
export async function runningPractice(store: Store, learner: string, kata: Kata, now = Date.now()): Promise<{ practice: Practice; seconds: number } | null> {
  const startedAt = await store.practiceStart(learner, kata.meta.slug);
  if (startedAt === null) return null;
  const seconds = Math.floor((now - Date.parse(startedAt)) / 1000);
  if (!(seconds >= 0 && seconds <= MAX_SECONDS)) return null;
  return { practice: { minutes: kata.meta.minutes, startedAt, serverNow: new Date(now).toISOString() }, seconds };
}
