// Timed assignments: who they are for, which katas, the clock, and everything the candidate
// did — drafts, append-only code snapshots for replay, runs — plus the reviewer's notes. The
// candidate's link is known to storage only by the hash of its token.
import type { Database } from '../storage/sqlite-driver.js';

export type SnapshotKind = 'edit' | 'paste' | 'run' | 'submit';

export interface AssignmentRecord {
  id: string;
  ownerId: string;
  ownerEmail: string;
  candidateName: string;
  candidateEmail: string | null;
  instructions: string;
  katas: string[];
  minutes: number;
  createdAt: string;
  linkExpiresAt: string;
  openedAt: string | null;
  startedAt: string | null;
  deadlineAt: string | null;
  finishedAt: string | null;
  cancelledAt: string | null;
  /** Set once the drafts left at the finish have been submitted. */
  autoSubmittedAt: string | null;
  notes: string;
  rating: number | null;
  recommendation: string | null;
}

export interface NewAssignmentRecord {
  ownerId: string;
  candidateName: string;
  candidateEmail: string | null;
  instructions: string;
  katas: string[];
  minutes: number;
  tokenHash: string;
  linkExpiresAt: string;
}

export interface Snapshot {
  kata: string;
  at: string;
  kind: SnapshotKind;
  code: string;
}

export interface RunRecord {
  kata: string;
  at: string;
  status: string;
  score: number;
}

export interface AssignmentStore {
  addAssignment(a: NewAssignmentRecord): Promise<AssignmentRecord>;
  byToken(tokenHash: string): Promise<AssignmentRecord | undefined>;
  byId(id: string): Promise<AssignmentRecord | undefined>;
  /** Every assignment, or those of one owner; newest first. */
  list(ownerId?: string): Promise<AssignmentRecord[]>;
  /** Started, neither finished nor cancelled: the ones with a clock running. */
  running(): Promise<AssignmentRecord[]>;
  /** Finished, but the drafts left at the finish not yet submitted. */
  awaitingAutoSubmit(): Promise<AssignmentRecord[]>;
  markOpened(id: string, at: string): Promise<void>;
  /** False when it had started already (or was cancelled). */
  start(id: string, at: string, deadlineAt: string): Promise<boolean>;
  /** False when it had finished already (or was cancelled). */
  finish(id: string, at: string): Promise<boolean>;
  markAutoSubmitted(id: string, at: string): Promise<void>;
  setDeadline(id: string, deadlineAt: string): Promise<void>;
  /** The time limit of a take not started yet. */
  setMinutes(id: string, minutes: number): Promise<void>;
  cancel(id: string, at: string): Promise<boolean>;
  review(id: string, notes: string, rating: number | null, recommendation: string | null): Promise<void>;

  saveDraft(id: string, kata: string, code: string, at: string): Promise<void>;
  drafts(id: string): Promise<Map<string, string>>;
  addSnapshot(id: string, snapshot: Snapshot): Promise<void>;
  snapshots(id: string, kata: string): Promise<Snapshot[]>;
  addRun(id: string, run: RunRecord): Promise<void>;
  runs(id: string): Promise<RunRecord[]>;
}

export const assignmentsMigration = `
  CREATE TABLE assignments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id        TEXT NOT NULL UNIQUE,
    owner_id         INTEGER NOT NULL REFERENCES accounts (id),
    candidate_name   TEXT NOT NULL,
    candidate_email  TEXT,
    instructions     TEXT NOT NULL,
    katas            TEXT NOT NULL,
    minutes          INTEGER NOT NULL,
    token_hash       TEXT NOT NULL UNIQUE,
    link_expires_at  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    opened_at        TEXT,
    started_at       TEXT,
    deadline_at      TEXT,
    finished_at      TEXT,
    cancelled_at     TEXT,
    auto_submitted_at TEXT,
    notes            TEXT NOT NULL DEFAULT '',
    rating           INTEGER,
    recommendation   TEXT
  );
  CREATE INDEX assignments_by_owner ON assignments (owner_id, id);
  CREATE TABLE take_drafts (
    assignment_id INTEGER NOT NULL REFERENCES assignments (id),
    kata          TEXT NOT NULL,
    code          TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (assignment_id, kata)
  );
  CREATE TABLE take_snapshots (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment_id INTEGER NOT NULL REFERENCES assignments (id),
    kata          TEXT NOT NULL,
    at            TEXT NOT NULL,
    kind          TEXT NOT NULL,
    code          TEXT NOT NULL
  );
  CREATE INDEX take_snapshots_by_kata ON take_snapshots (assignment_id, kata, id);
  CREATE TABLE take_runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment_id INTEGER NOT NULL REFERENCES assignments (id),
    kata          TEXT NOT NULL,
    at            TEXT NOT NULL,
    status        TEXT NOT NULL,
    score         INTEGER NOT NULL
  );
`;

interface Row {
  public_id: string;
  owner_public_id: string;
  owner_email: string;
  candidate_name: string;
  candidate_email: string | null;
  instructions: string;
  katas: string;
  minutes: number;
  created_at: string;
  link_expires_at: string;
  opened_at: string | null;
  started_at: string | null;
  deadline_at: string | null;
  finished_at: string | null;
  cancelled_at: string | null;
  auto_submitted_at: string | null;
  notes: string;
  rating: number | null;
  recommendation: string | null;
}

const toRecord = (r: Row): AssignmentRecord => ({
  id: r.public_id,
  ownerId: r.owner_public_id,
  ownerEmail: r.owner_email,
  candidateName: r.candidate_name,
  candidateEmail: r.candidate_email,
  instructions: r.instructions,
  katas: JSON.parse(r.katas) as string[],
  minutes: r.minutes,
  createdAt: r.created_at,
  linkExpiresAt: r.link_expires_at,
  openedAt: r.opened_at,
  startedAt: r.started_at,
  deadlineAt: r.deadline_at,
  finishedAt: r.finished_at,
  cancelledAt: r.cancelled_at,
  autoSubmittedAt: r.auto_submitted_at,
  notes: r.notes,
  rating: r.rating,
  recommendation: r.recommendation,
});

export function sqliteAssignments(db: Database, newId: () => string): AssignmentStore {
  const select = `SELECT a.*, o.public_id AS owner_public_id, o.email AS owner_email FROM assignments a JOIN accounts o ON o.id = a.owner_id`;
  const internal = '(SELECT id FROM assignments WHERE public_id = ?)';
  const q = {
    add: db.prepare(`INSERT INTO assignments (public_id, owner_id, candidate_name, candidate_email, instructions, katas, minutes, token_hash, link_expires_at, created_at)
      SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ? FROM accounts WHERE public_id = ?`),
    byToken: db.prepare(`${select} WHERE a.token_hash = ?`),
    byId: db.prepare(`${select} WHERE a.public_id = ?`),
    all: db.prepare(`${select} ORDER BY a.id DESC`),
    ofOwner: db.prepare(`${select} WHERE o.public_id = ? ORDER BY a.id DESC`),
    running: db.prepare(`${select} WHERE a.started_at IS NOT NULL AND a.finished_at IS NULL AND a.cancelled_at IS NULL`),
    awaiting: db.prepare(`${select} WHERE a.finished_at IS NOT NULL AND a.auto_submitted_at IS NULL`),
    opened: db.prepare('UPDATE assignments SET opened_at = coalesce(opened_at, ?) WHERE public_id = ?'),
    start: db.prepare('UPDATE assignments SET started_at = ?, deadline_at = ? WHERE public_id = ? AND started_at IS NULL AND cancelled_at IS NULL'),
    finish: db.prepare('UPDATE assignments SET finished_at = ? WHERE public_id = ? AND finished_at IS NULL AND cancelled_at IS NULL'),
    autoSubmitted: db.prepare('UPDATE assignments SET auto_submitted_at = ? WHERE public_id = ?'),
    deadline: db.prepare('UPDATE assignments SET deadline_at = ? WHERE public_id = ? AND finished_at IS NULL'),
    minutes: db.prepare('UPDATE assignments SET minutes = ? WHERE public_id = ? AND started_at IS NULL'),
    cancel: db.prepare('UPDATE assignments SET cancelled_at = ? WHERE public_id = ? AND finished_at IS NULL AND cancelled_at IS NULL'),
    review: db.prepare('UPDATE assignments SET notes = ?, rating = ?, recommendation = ? WHERE public_id = ?'),
    saveDraft: db.prepare(`INSERT INTO take_drafts (assignment_id, kata, code, updated_at) VALUES (${internal}, ?, ?, ?)
      ON CONFLICT (assignment_id, kata) DO UPDATE SET code = excluded.code, updated_at = excluded.updated_at`),
    drafts: db.prepare(`SELECT kata, code FROM take_drafts WHERE assignment_id = ${internal}`),
    addSnapshot: db.prepare(`INSERT INTO take_snapshots (assignment_id, kata, at, kind, code) VALUES (${internal}, ?, ?, ?, ?)`),
    snapshots: db.prepare(`SELECT kata, at, kind, code FROM take_snapshots WHERE assignment_id = ${internal} AND kata = ? ORDER BY id`),
    addRun: db.prepare(`INSERT INTO take_runs (assignment_id, kata, at, status, score) VALUES (${internal}, ?, ?, ?, ?)`),
    runs: db.prepare(`SELECT kata, at, status, score FROM take_runs WHERE assignment_id = ${internal} ORDER BY id`),
  };
  const one = (row: unknown) => (row ? toRecord(row as Row) : undefined);
  return {
    async addAssignment(a) {
      const id = newId();
      q.add.run(id, a.candidateName, a.candidateEmail, a.instructions, JSON.stringify(a.katas), a.minutes, a.tokenHash, a.linkExpiresAt, new Date().toISOString(), a.ownerId);
      return one(q.byId.get(id))!;
    },
    async byToken(tokenHash) {
      return one(q.byToken.get(tokenHash));
    },
    async byId(id) {
      return one(q.byId.get(id));
    },
    async list(ownerId) {
      return ((ownerId === undefined ? q.all.all() : q.ofOwner.all(ownerId)) as Row[]).map(toRecord);
    },
    async running() {
      return (q.running.all() as Row[]).map(toRecord);
    },
    async awaitingAutoSubmit() {
      return (q.awaiting.all() as Row[]).map(toRecord);
    },
    async markOpened(id, at) {
      q.opened.run(at, id);
    },
    async start(id, at, deadlineAt) {
      return q.start.run(at, deadlineAt, id).changes === 1;
    },
    async finish(id, at) {
      return q.finish.run(at, id).changes === 1;
    },
    async markAutoSubmitted(id, at) {
      q.autoSubmitted.run(at, id);
    },
    async setDeadline(id, deadlineAt) {
      q.deadline.run(deadlineAt, id);
    },
    async setMinutes(id, minutes) {
      q.minutes.run(minutes, id);
    },
    async cancel(id, at) {
      return q.cancel.run(at, id).changes === 1;
    },
    async review(id, notes, rating, recommendation) {
      q.review.run(notes, rating, recommendation, id);
    },
    async saveDraft(id, kata, code, at) {
      q.saveDraft.run(id, kata, code, at);
    },
    async drafts(id) {
      return new Map((q.drafts.all(id) as Array<{ kata: string; code: string }>).map((r) => [r.kata, r.code]));
    },
    async addSnapshot(id, s) {
      q.addSnapshot.run(id, s.kata, s.at, s.kind, s.code);
    },
    async snapshots(id, kata) {
      return q.snapshots.all(id, kata) as Snapshot[];
    },
    async addRun(id, run) {
      q.addRun.run(id, run.kata, run.at, run.status, run.score);
    },
    async runs(id) {
      return q.runs.all(id) as RunRecord[];
    },
  };
}
