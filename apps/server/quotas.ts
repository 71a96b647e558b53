// Storage quotas per learner, checked before anything is written: a write that would pass one is
// refused (429 for a count, 413 for bytes) and nothing already stored is touched.
import { HttpError } from './errors.js';
import type { Store } from './storage/store.js';

export interface Quotas {
  /** Katas with a draft at once. */
  drafts: number;
  /** Submissions of one kata in any 24 hours. */
  submissionsPerKataPerDay: number;
  /** Everything stored for the learner: drafts, submissions and their verdicts. */
  bytes: number;
}

const DAY_MS = 24 * 3600_000;

const overBytes = (quotas: Quotas) =>
  new HttpError(413, 'quota_exceeded', `Your saved work would pass its ${Math.round(quotas.bytes / 1e6)} MB quota; forget drafts you no longer need.`);

export async function checkDraftQuota(store: Store, quotas: Quotas, learner: string, kata: string, code: string): Promise<void> {
  const usage = await store.usage(learner, kata, new Date().toISOString());
  if (usage.kataDraftBytes === null && usage.drafts >= quotas.drafts) {
    throw new HttpError(429, 'quota_exceeded', `You have drafts of ${usage.drafts} katas, the most kept at once; forget one to start another.`);
  }
  if (usage.bytes - (usage.kataDraftBytes ?? 0) + Buffer.byteLength(code) > quotas.bytes) throw overBytes(quotas);
}

export async function checkSubmissionQuota(store: Store, quotas: Quotas, learner: string, kata: string, code: string): Promise<void> {
  const usage = await store.usage(learner, kata, new Date(Date.now() - DAY_MS).toISOString());
  if (usage.kataSubmissionsSince >= quotas.submissionsPerKataPerDay) {
    throw new HttpError(429, 'quota_exceeded', `You have submitted this kata ${usage.kataSubmissionsSince} times in 24 hours, the most there may be; Run still works.`);
  }
  if (usage.bytes + Buffer.byteLength(code) > quotas.bytes) throw overBytes(quotas);
}
