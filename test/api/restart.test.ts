// Nothing submitted is lost: unfinished submissions run again after a restart; a full queue
// answers 503 with Retry-After and stores nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { openStore } from '../../apps/server/storage/open.js';
import { installedVersion } from '../support/runs.js';
import { learnerWithCookie, startTestServer } from './server.js';
import { helloCorrect } from './solutions.js';

describe('restart', () => {
  it('re-runs submissions a previous server left queued', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-restart-'));
    const db = path.join(dir, 'katabox.db');
    const before = await openStore(db);
    const left = await before.addSubmission({ learner: 'someone', kata: 'hello-server', kataVersion: installedVersion('hello-server'), code: helloCorrect, seed: 7 });
    assert.equal(left.status, 'queued');
    await before.close();

    const server = await startTestServer({ db });
    const reader = await openStore(db);
    try {
      let submission = await reader.getSubmission('someone', left.id);
      for (let i = 0; i < 100 && submission?.status === 'queued'; i++) {
        await sleep(100);
        submission = await reader.getSubmission('someone', left.id);
      }
      assert.equal(submission?.status, 'passed');
      assert.equal(submission?.score, 100);
      assert.equal(submission?.result?.mode, 'submit');
    } finally {
      await reader.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a full run queue', () => {
  it('answers 503 with Retry-After, and a refused submission is not stored', async () => {
    const server = await startTestServer({ runner: { concurrency: 1, queueLimit: 0 } });
    try {
      const learners = await Promise.all([0, 1, 2].map(() => learnerWithCookie(server.url)));
      const replies = await Promise.all(learners.map((l) => l.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect })));
      const refused = replies.filter((r) => r.status === 503);
      assert.ok(refused.length > 0, 'at least one is refused');
      assert.ok(replies.some((r) => r.status === 201), 'and at least one runs');
      for (const reply of refused) {
        assert.equal(reply.body.error, 'busy');
        assert.ok(Number(reply.headers.get('retry-after')) >= 1);
      }
      const stored = await Promise.all(learners.map(async (l) => (await l.get('/api/katas/hello-server/submissions')).body.submissions.length));
      assert.equal(stored.reduce((a, b) => a + b, 0), replies.filter((r) => r.status === 201).length);
    } finally {
      await server.close();
    }
  });
});

describe('storage', () => {
  it('creates the database file in WAL mode and applies each migration once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-db-'));
    const file = path.join(dir, 'nested', 'katabox.db');
    try {
      await (await openStore(file)).close();
      await (await openStore(file)).close();
      assert.ok(fs.existsSync(file));
      const { SqliteDatabase } = await import('../../apps/server/storage/sqlite-driver.js');
      const db = new SqliteDatabase(file, { readonly: true });
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.deepEqual(db.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all(), [
        '001-drafts-and-submissions',
        '002-opaque-ids-seeds-type-errors-kata-versions',
        '003-settings-claimed-learners',
        '004-accounts-sessions',
        '005-assignments-takes-reviews',
        '006-shared-database',
        '007-practice-timers',
        '008-learner-accounts',
      ]);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
