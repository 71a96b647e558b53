// Storage quotas per learner, checked by the store in the same step as the write: a write that
// would pass one is refused (429 for a count, 413 for bytes) and nothing already stored is touched.
import { HttpError } from './errors.js';
import type { QuotaCheck } from './storage/store.js';

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

export function draftQuota(quotas: Quotas, code: string): QuotaCheck {
  return {
    since: new Date().toISOString(),
    check(usage) {
      if (usage.kataDraftBytes === null && usage.drafts >= quotas.drafts) {
        throw new HttpError(429, 'quota_exceeded', `You have drafts of ${usage.drafts} katas, the most kept at once; forget one to start another.`);
      }
      if (usage.bytes - (usage.kataDraftBytes ?? 0) + Buffer.byteLength(code) > quotas.bytes) throw overBytes(quotas);
    },
  };
}

export function submissionQuota(quotas: Quotas, code: string): QuotaCheck {
  return {
    since: new Date(Date.now() - DAY_MS).toISOString(),
    check(usage) {
      if (usage.kataSubmissionsSince >= quotas.submissionsPerKataPerDay) {
        throw new HttpError(429, 'quota_exceeded', `You have submitted this kata ${usage.kataSubmissionsSince} times in 24 hours, the most there may be; Run still works.`);
      }
      if (usage.bytes + Buffer.byteLength(code) > quotas.bytes) throw overBytes(quotas);
    },
  };
}
