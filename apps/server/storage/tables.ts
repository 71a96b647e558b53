// The tables as Kysely sees them: one row type per table, the same for SQLite and PostgreSQL.
// Times are ISO 8601 text in UTC (toISOString), which sorts and compares as text the same way
// in both databases; JSON is kept as text, byte for byte as it was written.
import type { Generated } from 'kysely';
import type { SubmissionStatus } from '../../contract/index.js';
import type { Role } from '../accounts/store.js';

export interface Tables {
  drafts: { learner: string; kata: string; code: string; updated_at: string };
  submissions: {
    /** Internal: orders a learner's history and the restart queue; never shown. */
    id: Generated<number>;
    public_id: string;
    learner: string;
    kata: string;
    kata_version: number;
    code: string;
    status: Generated<SubmissionStatus>;
    score: number | null;
    /** The verdict (RunResult) as JSON. */
    result: string | null;
    created_at: string;
    finished_at: string | null;
    seed: number | null;
    /** Type errors that came after the verdict, as JSON. */
    type_diagnostics: string | null;
    /** Seconds since the learner's practice timer started, when one ran. */
    time_taken_seconds: number | null;
  };
  practice_timers: { learner: string; kata: string; started_at: string };
  kata_versions: { kata: string; version: number; hash: string; probes: string; limits: string | null; first_run_at: string };
  settings: { name: string; value: string };
  claimed_learners: { learner: string; claimed_at: string };
  /** One row per learner who wrote under a quota: its row lock makes their quota checks take turns. */
  learners: { learner: string };
  accounts: { id: Generated<number>; public_id: string; email: string; role: Role; password_hash: string; disabled_at: string | null; created_at: string };
  sessions: { id_hash: string; account_id: number; csrf_secret: string; created_at: string; expires_at: string };
  assignments: {
    id: Generated<number>;
    public_id: string;
    owner_id: number;
    candidate_name: string;
    candidate_email: string | null;
    instructions: string;
    /** Slugs, as a JSON array. */
    katas: string;
    minutes: number;
    token_hash: string;
    link_expires_at: string;
    created_at: string;
    opened_at: string | null;
    started_at: string | null;
    deadline_at: string | null;
    finished_at: string | null;
    cancelled_at: string | null;
    auto_submitted_at: string | null;
    notes: Generated<string>;
    rating: number | null;
    recommendation: string | null;
  };
  take_drafts: { assignment_id: number; kata: string; code: string; updated_at: string };
  take_snapshots: { id: Generated<number>; assignment_id: number; kata: string; at: string; kind: string; code: string };
  take_runs: { id: Generated<number>; assignment_id: number; kata: string; at: string; status: string; score: number };
}

/** Each table's primary key, parents before the tables that refer to them: what `katabox db copy` moves, in order. */
export const primaryKeys = {
  settings: ['name'],
  claimed_learners: ['learner'],
  learners: ['learner'],
  kata_versions: ['kata', 'version'],
  drafts: ['learner', 'kata'],
  practice_timers: ['learner', 'kata'],
  submissions: ['id'],
  accounts: ['id'],
  sessions: ['id_hash'],
  assignments: ['id'],
  take_drafts: ['assignment_id', 'kata'],
  take_snapshots: ['id'],
  take_runs: ['id'],
} as const satisfies { [T in keyof Tables]: ReadonlyArray<keyof Tables[T] & string> };

export const tableNames = Object.keys(primaryKeys) as Array<keyof Tables>;

/** The tables whose `id` the database numbers. */
export const numberedTables = ['submissions', 'accounts', 'assignments', 'take_snapshots', 'take_runs'] as const satisfies ReadonlyArray<keyof Tables>;
