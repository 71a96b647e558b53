// What the app asks of storage. One implementation (kysely-store.ts) serves SQLite and PostgreSQL;
// several processes may share one PostgreSQL database, and every method stays right when they do.
import type { AccountStore } from '../accounts/store.js';
import type { AssignmentStore } from '../assignments/store.js';
import type { KataBundle } from '../../../sandbox/index.js';
import type { Diagnostic, Draft, HistoryExport, MovedWork, RunResult, Submission, SubmissionSummary } from '../../contract/index.js';

/** Learner ids are opaque strings (a hash of the cookie); katas are named by slug; submission ids are opaque. */
export interface NewSubmission {
  learner: string;
  kata: string;
  kataVersion: number;
  code: string;
  /** Chosen before the run, so that a run cut short is run again with the same inputs. */
  seed: number;
  /** Seconds since the kata's practice timer started, when one runs. */
  timeTakenSeconds?: number | null;
}

/** A submission still waiting for its verdict, with what it takes to run it again. */
export interface UnfinishedSubmission {
  id: string;
  learner: string;
  kata: string;
  kataVersion: number;
  code: string;
  /** Null only for rows stored before seeds were kept. */
  seed: number | null;
}

export interface KataActivity {
  kata: string;
  /** Finished submissions. */
  submissions: number;
  bestScore: number | null;
  solved: boolean;
}

/** What a learner has stored, for quotas. */
export interface Usage {
  /** Katas with a draft. */
  drafts: number;
  /** Bytes of the draft of the kata asked about; null when it has none. */
  kataDraftBytes: number | null;
  /** Submissions of the kata asked about since the given time. */
  kataSubmissionsSince: number;
  /** Bytes of everything stored: drafts, and submissions with their verdicts. */
  bytes: number;
}

/** A quota a write must stay within, checked in the same step as the write. */
export interface QuotaCheck {
  /** Submissions of the kata from this time on count (Usage.kataSubmissionsSince). */
  since: string;
  /** Throws to refuse the write (nothing is written); sees the learner's usage with no other write of theirs in between. */
  check(usage: Usage): void;
}

export interface Store {
  accounts: AccountStore;
  assignments: AssignmentStore;

  getDraft(learner: string, kata: string): Promise<Draft | null>;
  saveDraft(learner: string, kata: string, code: string, quota?: QuotaCheck): Promise<Draft>;
  deleteDraft(learner: string, kata: string): Promise<void>;

  /**
   * Gives every draft and submission of learner `from` to learner `to`, in one transaction. A kata
   * with a draft on both sides keeps one draft, whose code is `combine(newer, older)`; `combined`
   * names those where that is not simply the newer code.
   */
  moveLearnerWork(from: string, to: string, combine: (newer: Draft, older: Draft) => string): Promise<MovedWork>;

  /** Writes the submission with status "queued", under a new opaque id. */
  addSubmission(submission: NewSubmission, quota?: QuotaCheck): Promise<Submission>;
  /**
   * Records the verdict of a queued submission and returns the stored row; undefined (and nothing
   * written) when it already has one. Exactly one of any number of concurrent callers wins.
   */
  finishSubmission(id: string, result: RunResult): Promise<Submission | undefined>;
  /** Type errors found after the verdict, kept beside it. */
  addTypeDiagnostics(id: string, diagnostics: Diagnostic[]): Promise<void>;
  /** Gives a seedless unfinished row (from before seeds were kept) the seed it will run with. */
  fixSeed(id: string, seed: number): Promise<void>;
  /** Drops a submission that never got a place in the run queue. */
  deleteSubmission(id: string): Promise<void>;
  /** Newest first. */
  listSubmissions(learner: string, kata: string, limit: number): Promise<SubmissionSummary[]>;
  /** Undefined when it does not exist or belongs to someone else. */
  getSubmission(learner: string, id: string): Promise<Submission | undefined>;
  /** Oldest first, so a restart runs them in the order they came. */
  unfinishedSubmissions(): Promise<UnfinishedSubmission[]>;
  /** One submission still waiting for its verdict, with what a runner needs to run it; undefined once it has one (or is gone). */
  unfinishedSubmission(id: string): Promise<UnfinishedSubmission | undefined>;

  /** Keeps a kata version that ran, once: its first bundle stays. */
  keepKataVersion(bundle: KataBundle): Promise<void>;
  kataVersion(kata: string, version: number): Promise<KataBundle | undefined>;

  /** Everything stored for the learner: every submission (oldest first, full verdicts) and every draft. */
  learnerHistory(learner: string): Promise<Pick<HistoryExport, 'submissions' | 'drafts'>>;

  /** Starts the learner's practice timer on a kata at `at`, or starts it again. */
  startPractice(learner: string, kata: string, at: string): Promise<void>;
  /** When the learner's practice timer on the kata started; null when none runs. */
  practiceStart(learner: string, kata: string): Promise<string | null>;
  stopPractice(learner: string, kata: string): Promise<void>;

  activity(learner: string): Promise<KataActivity[]>;
  usage(learner: string, kata: string, since: string): Promise<Usage>;

  /** The secret learner cookies are signed with: made on the first call, then always the same. */
  signingSecret(): Promise<string>;
  /**
   * For a learner id that came in an unsigned cookie (issued before cookies were signed): true when
   * it has data stored and is claimed now or was within the last minute (requests a browser sent
   * at once), so the caller re-issues it signed. False when it has no data, or was claimed before.
   */
  claimLearner(learner: string): Promise<boolean>;
  close(): Promise<void>;
}
