// What the app asks of storage. SQLite implements it today; a PostgreSQL adapter would implement
// the same interface, which is why every method is async although better-sqlite3 is not.
import type { Draft, RunResult, Submission, SubmissionSummary } from '../../contract/index.js';

/** Learner ids are opaque strings (a hash of the cookie); katas are named by slug. */
export interface NewSubmission {
  learner: string;
  kata: string;
  kataVersion: number;
  code: string;
}

/** A submission still waiting for its verdict, with what it takes to run it again. */
export interface UnfinishedSubmission {
  id: number;
  kata: string;
  code: string;
}

export interface KataActivity {
  kata: string;
  /** Finished submissions. */
  submissions: number;
  bestScore: number | null;
  solved: boolean;
}

export interface Store {
  getDraft(learner: string, kata: string): Promise<Draft | null>;
  saveDraft(learner: string, kata: string, code: string): Promise<Draft>;
  deleteDraft(learner: string, kata: string): Promise<void>;

  /** Writes the submission with status "queued". */
  addSubmission(submission: NewSubmission): Promise<Submission>;
  finishSubmission(id: number, result: RunResult): Promise<void>;
  /** Drops a submission that never got a place in the run queue. */
  deleteSubmission(id: number): Promise<void>;
  /** Newest first. */
  listSubmissions(learner: string, kata: string, limit: number): Promise<SubmissionSummary[]>;
  /** Undefined when it does not exist or belongs to someone else. */
  getSubmission(learner: string, id: number): Promise<Submission | undefined>;
  /** Oldest first, so a restart runs them in the order they came. */
  unfinishedSubmissions(): Promise<UnfinishedSubmission[]>;

  activity(learner: string): Promise<KataActivity[]>;
  close(): Promise<void>;
}
