// The embedded store: one SQLite file (WAL), schema changes as numbered migrations applied once each.
import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase, type Database } from './sqlite-driver.js';
import type { Draft, RunResult, Submission, SubmissionStatus, SubmissionSummary } from '../../contract/index.js';
import type { KataActivity, NewSubmission, Store, UnfinishedSubmission } from './store.js';

/** Append only: a released migration is never edited, a change is a new entry. */
const migrations: Array<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'drafts and submissions',
    sql: `
      CREATE TABLE drafts (
        learner    TEXT NOT NULL,
        kata       TEXT NOT NULL,
        code       TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (learner, kata)
      );
      CREATE TABLE submissions (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        learner      TEXT NOT NULL,
        kata         TEXT NOT NULL,
        kata_version INTEGER NOT NULL,
        code         TEXT NOT NULL,
        status       TEXT NOT NULL DEFAULT 'queued',
        score        INTEGER,
        result       TEXT,
        created_at   TEXT NOT NULL,
        finished_at  TEXT
      );
      CREATE INDEX submissions_by_learner ON submissions (learner, kata, id);
      CREATE INDEX submissions_unfinished ON submissions (id) WHERE status = 'queued';
    `,
  },
];

interface SubmissionRow {
  id: number;
  kata: string;
  kata_version: number;
  code: string;
  status: SubmissionStatus;
  score: number | null;
  result: string | null;
  created_at: string;
  finished_at: string | null;
}

const summaryColumns = 'id, kata, kata_version, status, score, created_at, finished_at';

function toSummary(row: Omit<SubmissionRow, 'code' | 'result'>): SubmissionSummary {
  return { id: row.id, kata: row.kata, kataVersion: row.kata_version, status: row.status, score: row.score, createdAt: row.created_at, finishedAt: row.finished_at };
}

function toSubmission(row: SubmissionRow): Submission {
  return { ...toSummary(row), code: row.code, result: row.result === null ? null : (JSON.parse(row.result) as RunResult) };
}

function migrate(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
}

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  // WAL makes NORMAL durable against application crashes; only a power cut can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    getDraft: db.prepare('SELECT code, updated_at FROM drafts WHERE learner = ? AND kata = ?'),
    saveDraft: db.prepare(`INSERT INTO drafts (learner, kata, code, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (learner, kata) DO UPDATE SET code = excluded.code, updated_at = excluded.updated_at`),
    deleteDraft: db.prepare('DELETE FROM drafts WHERE learner = ? AND kata = ?'),
    addSubmission: db.prepare('INSERT INTO submissions (learner, kata, kata_version, code, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *'),
    finishSubmission: db.prepare('UPDATE submissions SET status = ?, score = ?, result = ?, finished_at = ? WHERE id = ?'),
    deleteSubmission: db.prepare('DELETE FROM submissions WHERE id = ?'),
    listSubmissions: db.prepare(`SELECT ${summaryColumns} FROM submissions WHERE learner = ? AND kata = ? ORDER BY id DESC LIMIT ?`),
    getSubmission: db.prepare('SELECT * FROM submissions WHERE learner = ? AND id = ?'),
    unfinished: db.prepare("SELECT id, kata, code FROM submissions WHERE status = 'queued' ORDER BY id"),
    submissionActivity: db.prepare(`SELECT kata, COUNT(*) AS submissions, MAX(score) AS best, MAX(status = 'passed') AS solved
      FROM submissions WHERE learner = ? AND status != 'queued' GROUP BY kata`),
    draftKatas: db.prepare('SELECT kata FROM drafts WHERE learner = ?').pluck(),
  };

  return {
    async getDraft(learner, kata) {
      const row = q.getDraft.get(learner, kata) as { code: string; updated_at: string } | undefined;
      return row ? { code: row.code, updatedAt: row.updated_at } : null;
    },
    async saveDraft(learner, kata, code): Promise<Draft> {
      const updatedAt = new Date().toISOString();
      q.saveDraft.run(learner, kata, code, updatedAt);
      return { code, updatedAt };
    },
    async deleteDraft(learner, kata) {
      q.deleteDraft.run(learner, kata);
    },
    async addSubmission(s: NewSubmission) {
      return toSubmission(q.addSubmission.get(s.learner, s.kata, s.kataVersion, s.code, new Date().toISOString()) as SubmissionRow);
    },
    async finishSubmission(id, result) {
      q.finishSubmission.run(result.status, result.score, JSON.stringify(result), new Date().toISOString(), id);
    },
    async deleteSubmission(id) {
      q.deleteSubmission.run(id);
    },
    async listSubmissions(learner, kata, limit) {
      return (q.listSubmissions.all(learner, kata, limit) as SubmissionRow[]).map(toSummary);
    },
    async getSubmission(learner, id) {
      const row = q.getSubmission.get(learner, id) as SubmissionRow | undefined;
      return row && toSubmission(row);
    },
    async unfinishedSubmissions() {
      return q.unfinished.all() as UnfinishedSubmission[];
    },
    async activity(learner) {
      const byKata = new Map<string, KataActivity>();
      for (const row of q.submissionActivity.all(learner) as Array<{ kata: string; submissions: number; best: number | null; solved: number }>) {
        byKata.set(row.kata, { kata: row.kata, submissions: row.submissions, bestScore: row.best, solved: row.solved === 1 });
      }
      // A draft alone makes a kata attempted.
      for (const kata of q.draftKatas.all(learner) as string[]) {
        if (!byKata.has(kata)) byKata.set(kata, { kata, submissions: 0, bestScore: null, solved: false });
      }
      return [...byKata.values()];
    },
    async close() {
      db.close();
    },
  };
}
