// Existing installations: a katabox.db written by the storage code from before Kysely (its own
// migration list at version 5, rows in every table; see fixtures/katabox-v5.sql) opens with
// today's code and keeps every row; `katabox db copy` moves it to PostgreSQL whole, and
// `katabox db migrate` brings a database up to date.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { verifyPassword } from '../../apps/server/accounts/passwords.js';
import { openStore } from '../../apps/server/storage/open.js';
import { SqliteDatabase } from '../../apps/server/storage/sqlite-driver.js';
import type { Store } from '../../apps/server/storage/store.js';
import { postgresForThisFile } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = path.join(root, 'bin/katabox.js');
const postgres = postgresForThisFile();

const learner = 'Vq3m1n0s9Jc7d2Hk5Xb8pLw4tRz6yAe1Fg0hUi2oKj8';
const ids = { failed: 'Wu3XN4zKkSm1FJRD', passed: 'Z4CKgjQoL6ofieUj', queued: 'yH0uinFEwvi0ohgH', take: 'DRhb3rl4lE5K71ih', takeSubmission: 'I9vuxu0sMH_Q_e2A', admin: 'whMUxEATobkuFbs5', ivy: 'mPSjQ8X52PmiXPXy' };
const secret = '-AjCiDGakohCkOi9PByYNkQLs66W-_G6-RlFIJ25TMo';

/** A katabox.db as the old code left it. */
function oldFile(): string {
  const file = path.join(tempDir('upgrade'), 'katabox.db');
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.exec(fs.readFileSync(path.join(root, 'test/storage/fixtures/katabox-v5.sql'), 'utf8'));
  db.close();
  return file;
}

const katabox = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

/** Every row of the fixture, read through the Store. */
async function assertFixture(store: Store): Promise<void> {
  assert.equal(await store.signingSecret(), secret, 'the learner-cookie secret');
  assert.deepEqual(await store.getDraft(learner, 'hello-server'), { code: "// café ☕\nimport http from 'node:http';\n", updatedAt: (await store.getDraft(learner, 'hello-server'))!.updatedAt });
  assert.equal((await store.getDraft(learner, 'parse-url'))?.code, 'const x = 1;\n');
  const history = await store.listSubmissions(learner, 'hello-server', 10);
  assert.deepEqual(history.map((s) => [s.id, s.status, s.score]), [[ids.passed, 'passed', 100], [ids.failed, 'failed', 67]]);
  const failed = (await store.getSubmission(learner, ids.failed))!;
  assert.equal(failed.code, '// first try — échec\n');
  assert.equal(failed.result?.seed, 4294967295);
  assert.equal(failed.result?.logs.stdout, 'listening — prêt ✓\n');
  assert.deepEqual(failed.result?.diagnostics.map((d) => d.message), ["Cannot find name 'htp'."], 'late type errors, merged in');
  assert.deepEqual(await store.unfinishedSubmissions(), [{ id: ids.queued, learner, kata: 'parse-url', kataVersion: 2, code: '// left queued by a stop\n', seed: 777 }]);
  assert.deepEqual(await store.kataVersion('hello-server', 1), { slug: 'hello-server', version: 1, hash: 'sha256-hello-v1', probes: "probe('status-200', {}, async () => {});\n", limits: { wallMs: 5000 } });
  assert.equal((await store.kataVersion('parse-url', 2))?.hash, 'sha256-parse-v2');
  assert.deepEqual(
    (await store.activity(learner)).sort((a, b) => a.kata.localeCompare(b.kata)),
    [{ kata: 'hello-server', submissions: 2, bestScore: 100, solved: true }, { kata: 'parse-url', submissions: 0, bestScore: null, solved: false }],
  );
  assert.equal(await store.claimLearner(learner), false, 'claimed long ago: the unsigned form stays spent');

  const admin = (await store.accounts.findAccount('admin@example.TEST'))!;
  assert.equal(admin.account.id, ids.admin);
  assert.equal(admin.account.email, 'Admin@Example.test');
  assert.ok(await verifyPassword('correct horse battery', admin.passwordHash), 'the admin signs in with their password');
  assert.deepEqual((await store.accounts.listAccounts()).map((a) => [a.email, a.role, a.disabled]).sort(), [['Admin@Example.test', 'admin', false], ['ivy@example.test', 'interviewer', false]]);
  const now = new Date().toISOString();
  assert.equal((await store.accounts.session('session-hash-of-ivy', now))?.account.id, ids.ivy);
  assert.equal((await store.accounts.session('session-hash-of-admin', now))?.csrfSecret, 'csrf-secret-of-admin');

  const take = (await store.assignments.byToken('token-hash-of-casey'))!;
  assert.equal(take.id, ids.take);
  assert.equal(take.ownerEmail, 'ivy@example.test');
  assert.deepEqual(
    [take.candidateName, take.candidateEmail, take.instructions, take.katas, take.minutes, take.openedAt, take.startedAt, take.deadlineAt, take.finishedAt, take.autoSubmittedAt, take.notes, take.rating, take.recommendation],
    ['Casey Candidate', 'casey@example.test', 'Take your time — bonne chance', ['hello-server', 'parse-url'], 45, '2026-12-01T10:00:00.000Z', '2026-12-01T10:01:00.000Z', '2026-12-01T10:46:00.000Z', '2026-12-01T10:30:00.000Z', '2026-12-01T10:30:05.000Z', 'Clear code; forgot the Content-Type.', 3, 'yes'],
  );
  assert.deepEqual(await store.assignments.drafts(take.id), new Map([['hello-server', '// candidate draft\n']]));
  assert.deepEqual((await store.assignments.snapshots(take.id, 'hello-server')).map((s) => [s.kind, s.code]), [['edit', '// c'], ['paste', '// candidate draft\n']]);
  assert.deepEqual(await store.assignments.runs(take.id), [{ kata: 'hello-server', at: '2026-12-01T10:04:00.000Z', status: 'failed', score: 50 }]);
  assert.equal((await store.getSubmission(`take:${take.id}`, ids.takeSubmission))?.score, 67);
  assert.deepEqual((await store.assignments.list(ids.ivy)).map((a) => a.id), [ids.take]);
}

/** New rows after the old ones: no id is handed out twice, the email stays one account in any case. */
async function assertWritable(store: Store): Promise<void> {
  const added = await store.addSubmission({ learner, kata: 'hello-server', kataVersion: 1, code: '// after the move', seed: 3 });
  assert.deepEqual((await store.listSubmissions(learner, 'hello-server', 10)).map((s) => s.id), [added.id, ids.passed, ids.failed], 'the newest comes first');
  const ada = await store.accounts.addAccount('ada@example.test', 'interviewer', 'h');
  const next = await store.assignments.addAssignment({ ownerId: ada.id, candidateName: 'Dee', candidateEmail: null, instructions: '', katas: ['hello-server'], minutes: 10, tokenHash: 'token-hash-of-dee', linkExpiresAt: '2099-01-01T00:00:00.000Z' });
  await store.assignments.addSnapshot(ids.take, { kata: 'hello-server', at: '2026-12-01T10:31:00.000Z', kind: 'submit', code: '// more' });
  await store.assignments.addRun(next.id, { kata: 'hello-server', at: '2026-12-01T10:32:00.000Z', status: 'passed', score: 100 });
  assert.deepEqual((await store.assignments.list()).map((a) => a.id), [next.id, ids.take]);
  await assert.rejects(store.accounts.addAccount('ADMIN@example.test', 'admin', 'h'), /has an account already/);
  assert.equal((await store.accounts.addAccount('lee@example.test', 'learner', 'h')).role, 'learner', 'learner accounts, since 007');
  await assert.rejects(store.accounts.addAccount('IVY@example.test', 'learner', 'h'), /has an account already/);
}

describe('an installation from before', () => {
  it('opens with today\'s code and keeps every row of every table', async () => {
    const file = oldFile();
    const store = await openStore(file);
    try {
      await assertFixture(store);
      await assertWritable(store);
    } finally {
      await store.close();
    }
    const raw = new SqliteDatabase(file, { readonly: true });
    try {
      assert.equal(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'").pluck().get(), 0, 'the old migration list is retired');
      assert.equal(raw.prepare('SELECT count(*) FROM kysely_migration').pluck().get(), 8);
      assert.deepEqual(raw.pragma('foreign_key_check'), [], 'sessions and assignments still find their accounts');
      assert.equal(raw.prepare("SELECT max(id) FROM submissions").pluck().get(), 5, 'numbering went on from the old rows');
    } finally {
      raw.close();
    }
  });

  it('upgrades a file of the first release too (version 1): its submissions get opaque ids', async () => {
    const file = path.join(tempDir('upgrade-v1'), 'katabox.db');
    const db = new SqliteDatabase(file);
    // The schema as the first release made it, word for word.
    db.exec(`
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      CREATE TABLE drafts (learner TEXT NOT NULL, kata TEXT NOT NULL, code TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (learner, kata));
      CREATE TABLE submissions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, learner TEXT NOT NULL, kata TEXT NOT NULL, kata_version INTEGER NOT NULL, code TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued', score INTEGER, result TEXT, created_at TEXT NOT NULL, finished_at TEXT
      );
      CREATE INDEX submissions_by_learner ON submissions (learner, kata, id);
      CREATE INDEX submissions_unfinished ON submissions (id) WHERE status = 'queued';
      INSERT INTO schema_migrations VALUES (1, 'drafts and submissions', '2026-11-24T12:00:00.000Z');
      INSERT INTO drafts VALUES ('ann', 'hello-server', '// draft', '2026-11-24T12:01:00.000Z');
      INSERT INTO submissions (learner, kata, kata_version, code, status, score, result, created_at, finished_at)
        VALUES ('ann', 'hello-server', 1, '// old', 'failed', 50, '{"status":"failed","score":50,"diagnostics":[]}', '2026-11-24T12:02:00.000Z', '2026-11-24T12:02:01.000Z');
    `);
    db.close();
    const store = await openStore(file);
    try {
      const [old] = await store.listSubmissions('ann', 'hello-server', 10);
      assert.match(old!.id, /^[0-9a-f]{16}$/);
      assert.equal((await store.getSubmission('ann', old!.id))?.code, '// old');
      assert.equal((await store.getDraft('ann', 'hello-server'))?.code, '// draft');
      assert.ok((await store.signingSecret()).length >= 32, 'and the tables that came later');
    } finally {
      await store.close();
    }
  });

  it('moves to PostgreSQL with `katabox db copy`, which says what it copied and will not copy over data', async () => {
    const file = oldFile();
    const url = await (await postgres()).database();
    const copy = katabox('db', 'copy', '--from', file, '--to', url);
    assert.equal(copy.status, 0, copy.stderr);
    assert.match(copy.stdout, /copied 19 rows from .*katabox\.db to postgres:\/\//);
    for (const [table, rows] of Object.entries({ settings: 1, claimed_learners: 1, learners: 0, kata_versions: 2, drafts: 2, submissions: 4, accounts: 2, sessions: 2, assignments: 1, take_drafts: 1, take_snapshots: 2, take_runs: 1 })) {
      assert.match(copy.stdout, new RegExp(`^  ${table} +${rows}$`, 'm'), `${table}: ${copy.stdout}`);
    }
    assert.match(copy.stdout, /learner-cookie secret came along/);
    const store = await openStore(url);
    try {
      await assertFixture(store);
      await assertWritable(store);
    } finally {
      await store.close();
    }
    const again = katabox('db', 'copy', '--from', file, '--to', url);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /has data already \(in settings, claimed_learners, kata_versions, drafts, submissions, accounts, sessions, assignments, take_drafts, take_snapshots, take_runs\); copy into an empty database/);
    const back = path.join(tempDir('copy-back'), 'katabox.db');
    const home = katabox('db', 'copy', '--from', url, '--to', back);
    assert.equal(home.status, 0, home.stderr);
    assert.match(home.stdout, /copied 25 rows/, 'and back again, with what was added there');
  });

  it('`katabox db migrate` applies what a database lacks, then finds it up to date', async () => {
    // The other spelling of the scheme, too.
    const url = (await (await postgres()).database()).replace(/^postgres:/, 'postgresql:');
    const first = katabox('db', 'migrate', '--db', url);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /applied 001-drafts-and-submissions, .*, 007-practice-timers, 008-learner-accounts/);
    const second = katabox('db', 'migrate', '--db', url);
    assert.match(second.stdout, /up to date \(008-learner-accounts\)/);
    const old = katabox('db', 'migrate', '--db', oldFile());
    assert.match(old.stdout, /applied 001-drafts-and-submissions, .*006-shared-database, 007-practice-timers, 008-learner-accounts/, 'an old file records the steps it had, and takes the new ones');
  });
});
