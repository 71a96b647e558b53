// A candidate's timed take through the private link, and what the link keeps from whom: all
// through the real server, its SQLite file and the real runner.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { SqliteDatabase } from '../../apps/server/storage/sqlite-driver.js';
import { addUser, createAssignment, signedIn, type Staff } from './accounts.js';
import { Learner, startTestServer, type TestServer } from './server.js';
import { helloCorrect, helloNoNewline } from './solutions.js';

let server: TestServer;
let ivy: Staff;
let rita: Staff;
before(async () => {
  server = await startTestServer();
  addUser(server.db, 'ivy@example.test', 'interviewer');
  addUser(server.db, 'rita@example.test', 'interviewer');
  ivy = await signedIn(server.url, 'ivy@example.test');
  rita = await signedIn(server.url, 'rita@example.test');
});
after(() => server.close());

const take = (token: string) => `/api/takes/${token}`;

describe('creating an assignment', () => {
  it('needs a signed-in interviewer, the CSRF token and known katas', async () => {
    const body = { katas: ['hello-server'], minutes: 30, candidateName: 'Casey' };
    assert.equal((await new Learner(server.url).post('/api/assignments', body)).status, 401);
    assert.equal((await ivy.post('/api/assignments', body)).status, 403, 'no CSRF token');
    assert.equal((await ivy.request('POST', '/api/assignments', body, { 'x-csrf-token': rita.csrfToken })).status, 403, "another session's token");
    assert.equal((await ivy.send('POST', '/api/assignments', { ...body, katas: ['no-such-kata'] })).status, 400);
    const { body: created } = await createAssignment(ivy, { candidateEmail: 'casey@example.test', instructions: 'Take your time.' });
    assert.equal(created.status, 'created');
    assert.deepEqual(created.katas, [{ slug: 'hello-server', title: created.katas[0].title, score: null }]);
  });

  it('keeps only a hash of the link token', async () => {
    const { token } = await createAssignment(ivy);
    const db = new SqliteDatabase(server.db, { readonly: true });
    try {
      const hashes = db.prepare('SELECT token_hash FROM assignments').pluck().all() as string[];
      assert.ok(hashes.includes(crypto.createHash('sha256').update(token).digest('base64url')));
      const everything = JSON.stringify(db.prepare('SELECT * FROM assignments').all());
      assert.ok(!everything.includes(token));
    } finally {
      db.close();
    }
  });
});

describe('the link', () => {
  it('opens nothing without its token, and only its own assignment with it', async () => {
    const candidate = new Learner(server.url);
    assert.equal((await candidate.get(take(crypto.randomBytes(32).toString('base64url')))).status, 404);
    assert.equal((await candidate.get('/api/takes/short')).status, 400);
    const a = await createAssignment(ivy, { candidateName: 'Ada' });
    const b = await createAssignment(ivy, { candidateName: 'Bo', katas: ['inspect-request'] });
    const seen = await candidate.get(take(a.token));
    assert.equal(seen.status, 200);
    assert.equal(seen.body.candidateName, 'Ada');
    assert.equal(seen.body.status, 'opened');
    assert.deepEqual(seen.body.katas.map((k: { slug: string; prompt: unknown }) => [k.slug, k.prompt]), [['hello-server', null]], 'no prompt before the start');
    await candidate.post(`${take(a.token)}/start`, {});
    // A's token names no kata of B's assignment, and reaches none of B's work.
    assert.equal((await candidate.put(`${take(a.token)}/katas/inspect-request/draft`, { code: 'x' })).status, 404);
    assert.ok(!candidate.received.some((text) => text.includes('Bo')));
    assert.equal((await candidate.get(take(b.token))).body.candidateName, 'Bo');
  });

  it("is an interviewer's own: another interviewer cannot extend or cancel it", async () => {
    const a = await createAssignment(ivy);
    assert.equal((await rita.send('POST', `/api/assignments/${a.id}/cancel`)).status, 404);
    assert.equal((await rita.send('POST', `/api/assignments/${a.id}/extend`, { minutes: 5 })).status, 404);
    assert.ok(!(await rita.get('/api/assignments')).body.assignments.some((s: { id: string }) => s.id === a.id));
    assert.ok((await ivy.get('/api/assignments')).body.assignments.some((s: { id: string }) => s.id === a.id));
  });
});

describe('a take', () => {
  it('runs on the server clock: start, draft, run, submit, finish, then the link accepts nothing', async () => {
    const { token } = await createAssignment(ivy, { minutes: 20 });
    const candidate = new Learner(server.url);
    assert.equal((await candidate.put(`${take(token)}/katas/hello-server/draft`, { code: 'x' })).status, 409, 'not started');
    const started = await candidate.post(`${take(token)}/start`, {});
    assert.equal(started.status, 200);
    assert.equal(started.body.status, 'in_progress');
    assert.equal(Date.parse(started.body.deadlineAt) - Date.parse(started.body.startedAt), 20 * 60_000);
    assert.match(started.body.katas[0].prompt, /\S/);
    await sleep(50);
    const again = await candidate.post(`${take(token)}/start`, {});
    assert.equal(again.body.deadlineAt, started.body.deadlineAt, 'starting again buys no time');

    assert.equal((await candidate.put(`${take(token)}/katas/hello-server/draft`, { code: helloNoNewline })).status, 204);
    const run = await candidate.post(`${take(token)}/katas/hello-server/run`, { code: helloNoNewline });
    assert.equal(run.status, 200);
    assert.ok(run.body.probes.every((p: { visibility: string }) => p.visibility === 'sample'));
    const wrong = await candidate.post(`${take(token)}/katas/hello-server/submissions?wait=true`, { code: helloNoNewline });
    assert.equal(wrong.status, 201);
    const hidden = wrong.body.result.probes.filter((p: { visibility: string }) => p.visibility === 'hidden');
    assert.ok(hidden.length > 0 && hidden.some((p: { passed: boolean }) => !p.passed));
    for (const p of hidden) assert.deepEqual([p.message, p.durationMs, p.exchanges], ['', 0, undefined], 'a hidden probe as name and pass/fail only');
    const right = await candidate.post(`${take(token)}/katas/hello-server/submissions?wait=true`, { code: helloCorrect });
    assert.equal(right.body.score, 100);
    const reference = fs.readFileSync('katas/hello-server/solution.ts', 'utf8');
    assert.ok(!candidate.received.some((text) => text.includes('function greet(')), 'never the reference solution');
    assert.ok(reference.includes('function greet('));

    const finished = await candidate.post(`${take(token)}/finish`, {});
    assert.equal(finished.body.status, 'finished');
    assert.deepEqual(finished.body.katas, []);
    for (const [method, path, body] of [
      ['PUT', '/katas/hello-server/draft', { code: 'late' }],
      ['POST', '/katas/hello-server/run', { code: helloCorrect }],
      ['POST', '/katas/hello-server/submissions', { code: helloCorrect }],
      ['POST', '/finish', {}],
      ['POST', '/start', {}],
    ] as const) {
      const res = await candidate.request(method, `${take(token)}${path}`, body);
      assert.equal(res.status, 410, `${method} ${path} after the finish`);
      assert.equal(res.body.error, 'take_closed');
    }
    assert.equal((await candidate.get(take(token))).body.status, 'finished');
  });

  it('refuses a submit a second after the deadline, and submits the last draft itself', async () => {
    const { id, token } = await createAssignment(ivy, { minutes: 0.1 });
    const candidate = new Learner(server.url);
    const started = await candidate.post(`${take(token)}/start`, {});
    assert.equal(Date.parse(started.body.deadlineAt) - Date.parse(started.body.startedAt), 6000);
    await candidate.put(`${take(token)}/katas/hello-server/draft`, { code: helloCorrect });
    await sleep(Math.max(0, Date.parse(started.body.deadlineAt) - Date.now()) + 1000);
    const late = await candidate.post(`${take(token)}/katas/hello-server/submissions?wait=true`, { code: helloCorrect });
    assert.equal(late.status, 410);
    const summary = await waitFor(async () => (await ivy.get('/api/assignments')).body.assignments.find((s: { id: string; katas: Array<{ score: number | null }> }) => s.id === id && s.katas[0]!.score !== null));
    assert.equal(summary.status, 'finished');
    assert.equal(summary.katas[0].score, 100, 'the draft left at the deadline was submitted and scored');
    assert.ok(Date.parse(summary.finishedAt) <= Date.parse(started.body.deadlineAt));
  });

  it('can be extended (the candidate sees the later deadline) or cancelled (the link stops)', async () => {
    const a = await createAssignment(ivy, { minutes: 10 });
    const candidate = new Learner(server.url);
    const started = await candidate.post(`${take(a.token)}/start`, {});
    const extended = await ivy.send('POST', `/api/assignments/${a.id}/extend`, { minutes: 5 });
    assert.equal(extended.status, 200);
    const seen = await candidate.get(take(a.token));
    assert.equal(Date.parse(seen.body.deadlineAt) - Date.parse(started.body.deadlineAt), 5 * 60_000);
    assert.equal((await ivy.send('POST', `/api/assignments/${a.id}/cancel`)).body.status, 'cancelled');
    assert.equal((await candidate.put(`${take(a.token)}/katas/hello-server/draft`, { code: 'x' })).status, 410);
    const after = await candidate.get(take(a.token));
    assert.equal(after.body.status, 'cancelled');
    assert.deepEqual(after.body.katas, []);
  });

  it('stops at the link expiry when not started', async () => {
    const a = await createAssignment(ivy);
    const db = new SqliteDatabase(server.db);
    try {
      db.prepare('UPDATE assignments SET link_expires_at = ? WHERE public_id = ?').run(new Date(Date.now() - 1000).toISOString(), a.id);
    } finally {
      db.close();
    }
    const candidate = new Learner(server.url);
    assert.equal((await candidate.get(take(a.token))).body.status, 'expired');
    assert.equal((await candidate.post(`${take(a.token)}/start`, {})).status, 410);
  });
});

async function waitFor<T>(check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(200);
  }
}
