// Submit answers at once and the verdict follows as events: each probe as it finishes, then the
// verdict once it is stored, for whoever watches, however late they come or often they reconnect.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqliteDatabase } from '../../apps/server/storage/sqlite-driver.js';
import { openStore } from '../../apps/server/storage/open.js';
import { learnerView, reviewerView } from '../../apps/server/views.js';
import { learnerWithCookie, startTestServer, type TestServer } from './server.js';
import { helloCorrect, helloGetOnly } from './solutions.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());


describe('asynchronous submit', () => {
  it('answers 202 at once with the queued submission and where to find it', async () => {
    const learner = await learnerWithCookie(server.url);
    const res = await learner.post('/api/katas/hello-server/submissions', { code: helloCorrect });
    assert.equal(res.status, 202);
    assert.equal(res.body.status, 'queued');
    assert.match(res.body.id, /^[A-Za-z0-9_-]{16}$/);
    assert.equal(res.headers.get('location'), `/api/submissions/${res.body.id}`);
    const events = await learner.events(`/api/submissions/${res.body.id}/events`);
    assert.equal(events.at(-1)!.event, 'end');
  });

  it('streams each probe as it finishes, then the stored verdict', async () => {
    const learner = await learnerWithCookie(server.url);
    const { body: queued } = await learner.post('/api/katas/hello-server/submissions', { code: helloCorrect });
    const events = await learner.events(`/api/submissions/${queued.id}/events`);
    const probes = events.filter((e) => e.event === 'probe');
    const verdict = events.find((e) => e.event === 'verdict')!;
    assert.ok(probes.length >= 5, `${probes.length} probe events`);
    assert.ok(probes.every((e) => e.data.passed === true && typeof e.data.id === 'string' && typeof e.data.name === 'string'));
    assert.ok(events.indexOf(verdict) > events.indexOf(probes.at(-1)!), 'the verdict comes after the probes');
    assert.deepEqual(probes.map((e) => e.data.id), verdict.data.result.probes.map((p: { id: string }) => p.id));
    // What was sent is what is stored.
    const stored = (await learner.get(`/api/submissions/${queued.id}`)).body;
    assert.equal(stored.status, 'passed');
    assert.deepEqual(verdict.data.result, stored.result);
  });

  it('gives a late watcher everything so far, and a reconnecting one only what it missed', async () => {
    const learner = await learnerWithCookie(server.url);
    const { body: done } = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect });
    assert.equal(done.status, 'passed');
    const late = await learner.events(`/api/submissions/${done.id}/events`);
    assert.deepEqual(late.map((e) => e.event).filter((e) => e !== 'diagnostics'), [...Array(5).fill('probe'), 'verdict', 'end']);
    const resumed = await learner.events(`/api/submissions/${done.id}/events`, { lastEventId: late[2]!.id });
    assert.deepEqual(resumed.map((e) => e.id), late.slice(3).map((e) => e.id));
  });

  it('answers a watcher of someone else\'s submission 404', async () => {
    const [alice, bob] = await Promise.all([learnerWithCookie(server.url), learnerWithCookie(server.url)]);
    const { body } = await alice.post('/api/katas/hello-server/submissions', { code: helloCorrect });
    const res = await bob.get(`/api/submissions/${body.id}/events`);
    assert.equal(res.status, 404);
    assert.equal(res.body.error, 'not_found');
  });

  it('answers 406 to a client that does not ask for a stream, and serves on', async () => {
    const learner = await learnerWithCookie(server.url);
    const { body } = await learner.post('/api/katas/hello-server/submissions', { code: helloCorrect });
    const res = await learner.get(`/api/submissions/${body.id}/events`);
    assert.equal(res.status, 406);
    assert.equal(res.body.error, 'not_acceptable');
    // Its events still reach one who asks, and the server is still up after they were sent.
    const events = await learner.events(`/api/submissions/${body.id}/events`);
    assert.equal(events.at(-1)?.event, 'end');
    assert.equal((await learner.get('/api/health')).status, 200);
  });

  it('with ?wait=true answers 201 with the stored verdict', async () => {
    const learner = await learnerWithCookie(server.url);
    const res = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'passed');
    assert.deepEqual((await learner.get(`/api/submissions/${res.body.id}`)).body.result, res.body.result);
  });
});

describe('verdict views', () => {
  it('keeps every detail in the stored row; the learner sees hidden probes as name and pass/fail only', async () => {
    const learner = await learnerWithCookie(server.url);
    const { body } = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloGetOnly });
    assert.equal(body.status, 'failed');
    const raw = new SqliteDatabase(server.db, { readonly: true });
    const owner = raw.prepare('SELECT learner FROM submissions WHERE public_id = ?').pluck().get(body.id) as string;
    raw.close();
    const store = await openStore(server.db);
    try {
      const row = (await store.getSubmission(owner, body.id))!;
      const full = row.result!.probes.find((p) => p.id === 'any-method')!;
      // The reviewer's view: everything the probe saw.
      const reviewed = reviewerView(row.result!).probes.find((p) => p.id === 'any-method')!;
      assert.equal(reviewed.passed, false);
      assert.match(reviewed.message, /expected 200, got 405/);
      assert.ok((reviewed.exchanges ?? []).length > 0 && reviewed.durationMs > 0);
      assert.deepEqual(reviewed, full);
      // The learner's view, from the same row, is what the API gave.
      const shown = body.result.probes.find((p: { id: string }) => p.id === 'any-method');
      assert.deepEqual(shown, { id: 'any-method', name: full.name, passed: false, weight: full.weight, visibility: 'hidden', message: '', durationMs: 0 });
      assert.deepEqual(learnerView(row.result!), body.result);
      // Sample probes are shown whole.
      assert.ok(body.result.probes.filter((p: { visibility: string }) => p.visibility === 'sample').every((p: { exchanges?: unknown[] }) => (p.exchanges ?? []).length > 0));
    } finally {
      await store.close();
    }
  });
});
