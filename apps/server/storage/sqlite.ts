// The embedded store: one SQLite file (WAL), schema changes as numbered migrations applied once each.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase, type Database } from './sqlite-driver.js';
import type { KataBundle } from '../../../sandbox/index.js';
import type { Diagnostic, Draft, RunResult, Submission, SubmissionStatus, SubmissionSummary } from '../../contract/index.js';
import type { KataActivity, NewSubmission, Store, UnfinishedSubmission } from './store.js';
import { accountsMigration, sqliteAccounts } from '../accounts/store.js';
import { assignmentsMigration, sqliteAssignments } from '../assignments/store.js';

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
  {
    version: 2,
    name: 'opaque submission ids, seeds, late type errors, pinned kata versions',
    sql: `
      ALTER TABLE submissions ADD COLUMN public_id TEXT;
      UPDATE submissions SET public_id = lower(hex(randomblob(8)));
      CREATE UNIQUE INDEX submissions_by_public_id ON submissions (public_id);
      ALTER TABLE submissions ADD COLUMN seed INTEGER;
      ALTER TABLE submissions ADD COLUMN type_diagnostics TEXT;
      CREATE TABLE kata_versions (
        kata         TEXT NOT NULL,
        version      INTEGER NOT NULL,
        hash         TEXT NOT NULL,
        probes       TEXT NOT NULL,
        limits       TEXT,
        first_run_at TEXT NOT NULL,
        PRIMARY KEY (kata, version)
      );
    `,
  },
  {
    version: 3,
    name: 'the server\'s own settings (the cookie-signing secret), learner ids taken over from unsigned cookies',
    sql: `
      CREATE TABLE settings (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE claimed_learners (
        learner    TEXT PRIMARY KEY,
        claimed_at TEXT NOT NULL
      );
      CREATE INDEX submissions_by_learner_time ON submissions (learner, kata, created_at);
    `,
  },
  { version: 4, name: 'interviewer and admin accounts, their sessions', sql: accountsMigration },
  { version: 5, name: 'timed assignments, what their candidates did, reviews', sql: assignmentsMigration },
];

/** How long an unsigned learner id stays honoured after its first use. */
const CLAIM_GRACE_MS = 60_000;

interface SubmissionRow {
  public_id: string;
  kata: string;
  kata_version: number;
  code: string;
  status: SubmissionStatus;
  score: number | null;
  result: string | null;
  type_diagnostics: string | null;
  created_at: string;
  finished_at: string | null;
}

const summaryColumns = 'public_id, kata, kata_version, status, score, created_at, finished_at';

function toSummary(row: Omit<SubmissionRow, 'code' | 'result' | 'type_diagnostics'>): SubmissionSummary {
  return { id: row.public_id, kata: row.kata, kataVersion: row.kata_version, status: row.status, score: row.score, createdAt: row.created_at, finishedAt: row.finished_at };
}

/** Type errors arrive after the verdict and are kept beside it; a reader gets them merged in. */
function toSubmission(row: SubmissionRow): Submission {
  const result = row.result === null ? null : (JSON.parse(row.result) as RunResult);
  if (result && row.type_diagnostics) result.diagnostics.push(...(JSON.parse(row.type_diagnostics) as Diagnostic[]));
  return { ...toSummary(row), code: row.code, result };
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
    addSubmission: db.prepare(`INSERT INTO submissions (public_id, learner, kata, kata_version, code, seed, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`),
    // A verdict is recorded once: a late or repeated one for a finished row changes nothing.
    finishSubmission: db.prepare("UPDATE submissions SET status = ?, score = ?, result = ?, finished_at = ? WHERE public_id = ? AND status = 'queued' RETURNING *"),
    typeDiagnostics: db.prepare('UPDATE submissions SET type_diagnostics = ? WHERE public_id = ?'),
    deleteSubmission: db.prepare('DELETE FROM submissions WHERE public_id = ?'),
    listSubmissions: db.prepare(`SELECT ${summaryColumns} FROM submissions WHERE learner = ? AND kata = ? ORDER BY id DESC LIMIT ?`),
    getSubmission: db.prepare('SELECT * FROM submissions WHERE learner = ? AND public_id = ?'),
    unfinished: db.prepare("SELECT public_id AS id, kata, kata_version AS kataVersion, code, seed FROM submissions WHERE status = 'queued' ORDER BY id"),
    setSeed: db.prepare('UPDATE submissions SET seed = ? WHERE public_id = ? AND seed IS NULL'),
    keepKataVersion: db.prepare('INSERT INTO kata_versions (kata, version, hash, probes, limits, first_run_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    kataVersion: db.prepare('SELECT kata, version, hash, probes, limits FROM kata_versions WHERE kata = ? AND version = ?'),
    submissionActivity: db.prepare(`SELECT kata, COUNT(*) AS submissions, MAX(score) AS best, MAX(status = 'passed') AS solved
      FROM submissions WHERE learner = ? AND status != 'queued' GROUP BY kata`),
    draftKatas: db.prepare('SELECT kata FROM drafts WHERE learner = ?').pluck(),
    newSetting: db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    setting: db.prepare('SELECT value FROM settings WHERE name = ?').pluck(),
    hasData: db.prepare('SELECT EXISTS (SELECT 1 FROM drafts WHERE learner = ?) OR EXISTS (SELECT 1 FROM submissions WHERE learner = ?)').pluck(),
    claim: db.prepare('INSERT INTO claimed_learners (learner, claimed_at) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    claimedAt: db.prepare('SELECT claimed_at FROM claimed_learners WHERE learner = ?').pluck(),
    // Bytes as SQLite stores them (UTF-8), whatever the characters.
    draftUsage: db.prepare(`SELECT COUNT(*) AS drafts, COALESCE(SUM(length(CAST(code AS BLOB))), 0) AS bytes,
      (SELECT length(CAST(code AS BLOB)) FROM drafts WHERE learner = @learner AND kata = @kata) AS kataDraftBytes
      FROM drafts WHERE learner = @learner`),
    submissionUsage: db.prepare(`SELECT COALESCE(SUM(length(CAST(code AS BLOB)) + COALESCE(length(CAST(result AS BLOB)), 0) + COALESCE(length(CAST(type_diagnostics AS BLOB)), 0)), 0) AS bytes,
      (SELECT COUNT(*) FROM submissions WHERE learner = @learner AND kata = @kata AND created_at >= @since) AS kataSubmissionsSince
      FROM submissions WHERE learner = @learner`),
  };

  return {
    accounts: sqliteAccounts(db, () => crypto.randomBytes(12).toString('base64url')),
    assignments: sqliteAssignments(db, () => crypto.randomBytes(12).toString('base64url')),
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
      const id = crypto.randomBytes(12).toString('base64url');
      return toSubmission(q.addSubmission.get(id, s.learner, s.kata, s.kataVersion, s.code, s.seed, new Date().toISOString()) as SubmissionRow);
    },
    async finishSubmission(id, result) {
      const row = q.finishSubmission.get(result.status, result.score, JSON.stringify(result), new Date().toISOString(), id) as SubmissionRow | undefined;
      return row && toSubmission(row);
    },
    async addTypeDiagnostics(id, diagnostics) {
      q.typeDiagnostics.run(JSON.stringify(diagnostics), id);
    },
    async fixSeed(id, seed) {
      q.setSeed.run(seed, id);
    },
    async keepKataVersion(bundle) {
      q.keepKataVersion.run(bundle.slug, bundle.version, bundle.hash, bundle.probes, bundle.limits ? JSON.stringify(bundle.limits) : null, new Date().toISOString());
    },
    async kataVersion(kata, version) {
      const row = q.kataVersion.get(kata, version) as { kata: string; version: number; hash: string; probes: string; limits: string | null } | undefined;
      if (!row) return undefined;
      const bundle: KataBundle = { slug: row.kata, version: row.version, probes: row.probes, hash: row.hash };
      if (row.limits) bundle.limits = JSON.parse(row.limits) as KataBundle['limits'];
      return bundle;
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
    async signingSecret() {
      q.newSetting.run('cookie_secret', crypto.randomBytes(32).toString('base64url'));
      return q.setting.get('cookie_secret') as string;
    },
    async claimLearner(learner) {
      if (!q.hasData.get(learner, learner)) return false;
      const now = Date.now();
      q.claim.run(learner, new Date(now).toISOString());
      return Date.parse(q.claimedAt.get(learner) as string) > now - CLAIM_GRACE_MS;
    },
    async usage(learner, kata, since) {
      const drafts = q.draftUsage.get({ learner, kata }) as { drafts: number; bytes: number; kataDraftBytes: number | null };
      const submissions = q.submissionUsage.get({ learner, kata, since }) as { bytes: number; kataSubmissionsSince: number };
      return {
        drafts: drafts.drafts,
        kataDraftBytes: drafts.kataDraftBytes,
        kataSubmissionsSince: submissions.kataSubmissionsSince,
        bytes: drafts.bytes + submissions.bytes,
      };
    },
    async close() {
      db.close();
    },
  };
}
