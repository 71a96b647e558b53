// Timed practice: the timer's start is the server's, kept across reloads, and each submission made
// while it runs records the seconds since, by the server's clock; a client cannot state a time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteDatabase } from '../../apps/server/storage/sqlite-driver.js';
import { learnerWithCookie, startTestServer, type TestServer } from './server.js';
import { helloCorrect, helloNoNewline } from './solutions.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const practice = '/api/katas/hello-server/practice';
const submit = '/api/katas/hello-server/submissions?wait=true';

/** Moves the timer that started at `from`, as if it had started at `to` (a day ago, or ahead of the clock). */
function moveStart(from: string, to: Date): string {
  const db = new SqliteDatabase(server.db);
  try {
    assert.equal(db.prepare('UPDATE practice_timers SET started_at = ? WHERE started_at = ?').run(to.toISOString(), from).changes, 1);
    return to.toISOString();
  } finally {
    db.close();
  }
}

describe('timed practice', () => {
  it('starts on the server\'s clock, shows with the kata, and times the submissions made while it runs', async () => {
    const learner = await learnerWithCookie(server.url);
    const untimed = await learner.post(submit, { code: helloNoNewline });
    assert.equal(untimed.status, 201);
    assert.equal(untimed.body.timeTakenSeconds, null, 'no timer ran');
    assert.equal((await learner.get('/api/katas/hello-server')).body.practice, null);

    const before = Date.now();
    // A start the client names is not taken: the body is no input of this route.
    const started = await learner.post(practice, { startedAt: '2020-01-01T00:00:00.000Z' });
    assert.equal(started.status, 200);
    assert.equal(started.body.minutes, 10, "hello-server's estimate");
    const startedAt = Date.parse(started.body.startedAt);
    assert.ok(startedAt >= before - 5 && startedAt <= Date.now() + 5, `started at ${started.body.startedAt}, the server's now`);
    const page = (await learner.get('/api/katas/hello-server')).body;
    assert.equal(page.practice.startedAt, started.body.startedAt, 'a reload finds the same timer');
    assert.equal(page.practice.minutes, 10);
    assert.ok(Math.abs(Date.parse(page.practice.serverNow) - Date.now()) < 5000);

    await sleep(2100);
    const timed = await learner.post(submit, { code: helloCorrect });
    assert.equal(timed.status, 201);
    const elapsed = (Date.now() - before) / 1000;
    assert.ok(timed.body.timeTakenSeconds >= 2 && timed.body.timeTakenSeconds <= elapsed, `took ${timed.body.timeTakenSeconds} s of ${elapsed}`);
    const listed = (await learner.get('/api/katas/hello-server/submissions')).body.submissions;
    assert.deepEqual(listed.map((s: { timeTakenSeconds: number | null }) => s.timeTakenSeconds), [timed.body.timeTakenSeconds, null]);
    assert.equal((await learner.get(`/api/submissions/${timed.body.id}`)).body.timeTakenSeconds, timed.body.timeTakenSeconds);

    // Another learner's submissions of the same kata are not timed by this learner's clock.
    const other = await learnerWithCookie(server.url);
    assert.equal((await other.post(submit, { code: helloCorrect })).body.timeTakenSeconds, null);

    assert.equal((await learner.delete(practice)).status, 204);
    assert.equal((await learner.get('/api/katas/hello-server')).body.practice, null);
    assert.equal((await learner.post(submit, { code: helloCorrect })).body.timeTakenSeconds, null, 'stopped: untimed again');
  });

  it('refuses a time the client states, and stores nothing for it', async () => {
    const learner = await learnerWithCookie(server.url);
    assert.equal((await learner.post(practice, undefined)).status, 200);
    for (const forged of [1, -5, 1e12, '00:01']) {
      const res = await learner.post(submit, { code: helloCorrect, timeTakenSeconds: forged });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'bad_request');
      assert.match(res.body.message, /body has a field this API does not know: "timeTakenSeconds"/);
    }
    assert.deepEqual((await learner.get('/api/katas/hello-server/submissions')).body.submissions, []);
  });

  it('times nothing with a timer abandoned for more than a day, or one that starts after the server\'s now', async () => {
    const learner = await learnerWithCookie(server.url);
    let startedAt = (await learner.post(practice, undefined)).body.startedAt as string;
    for (const at of [new Date(Date.now() - 25 * 3600_000), new Date(Date.now() + 3600_000)]) {
      startedAt = moveStart(startedAt, at);
      assert.equal((await learner.get('/api/katas/hello-server')).body.practice, null, `a timer started at ${at.toISOString()} is not running`);
      const res = await learner.post(submit, { code: helloCorrect });
      assert.equal(res.status, 201);
      assert.equal(res.body.timeTakenSeconds, null);
    }
    // Started again, it times from the server's now.
    assert.equal((await learner.post(practice, undefined)).status, 200);
    const res = await learner.post(submit, { code: helloCorrect });
    assert.ok(res.body.timeTakenSeconds >= 0 && res.body.timeTakenSeconds < 30, `took ${res.body.timeTakenSeconds} s`);
  });

  it('answers 404 for a kata that does not exist', async () => {
    const learner = await learnerWithCookie(server.url);
    assert.equal((await learner.post('/api/katas/no-such-kata/practice', undefined)).status, 404);
    assert.equal((await learner.delete('/api/katas/no-such-kata/practice')).status, 404);
  });
});
