// What the app asks of storage. SQLite implements it today; a PostgreSQL adapter would implement
// the same interface, which is why every method is async although better-sqlite3 is not.
import type { AccountStore } from '../accounts/store.js';
import type { AssignmentStore } from '../assignments/store.js';
import type { KataBundle } from '../../../sandbox/index.js';
import type { Diagnostic, Draft, RunResult, Submission, SubmissionSummary } from '../../contract/index.js';

/** Learner ids are opaque strings (a hash of the cookie); katas are named by slug; submission ids are opaque. */
export interface NewSubmission {
  learner: string;
  kata: string;
  kataVersion: number;
  code: string;
  /** Chosen before the run, so that a run cut short is run again with the same inputs. */
  seed: number;
}

/** A submission still waiting for its verdict, with what it takes to run it again. */
export interface UnfinishedSubmission {
  id: string;
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

export interface Store {
  accounts: AccountStore;
  assignments: AssignmentStore;

  getDraft(learner: string, kata: string): Promise<Draft | null>;
  saveDraft(learner: string, kata: string, code: string): Promise<Draft>;
  deleteDraft(learner: string, kata: string): Promise<void>;

  /** Writes the submission with status "queued", under a new opaque id. */
  addSubmission(submission: NewSubmission): Promise<Submission>;
  /** Records the verdict of a queued submission and returns the stored row; undefined (and nothing written) when it already has one. */
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

  /** Keeps a kata version that ran, once: its first bundle stays. */
  keepKataVersion(bundle: KataBundle): Promise<void>;
  kataVersion(kata: string, version: number): Promise<KataBundle | undefined>;

  activity(learner: string): Promise<KataActivity[]>;
  close(): Promise<void>;
}
