// Reviewing a take: every Run and Submit in order with the full verdict, the replay, a re-run,
// notes and rating, exports; and who may see which assignments. Through the real server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, createAssignment, signedIn, type Staff } from './accounts.js';
import { Learner, startTestServer, type TestServer } from './server.js';
import { helloCorrect, helloNoNewline } from './solutions.js';

let server: TestServer;
let ivy: Staff;
let rita: Staff;
let admin: Staff;
let assignment: { id: string; token: string };
const candidate = () => new Learner(server.url);

before(async () => {
  server = await startTestServer();
  addUser(server.db, 'ivy@example.test', 'interviewer');
  addUser(server.db, 'rita@example.test', 'interviewer');
  addUser(server.db, 'admin@example.test', 'admin');
  [ivy, rita, admin] = await Promise.all(['ivy', 'rita', 'admin'].map((n) => signedIn(server.url, `${n}@example.test`)));
  assignment = await createAssignment(ivy, { candidateName: 'Dana, "the" candidate' });
  await createAssignment(rita, { candidateName: 'Rita’s candidate' });
  const c = candidate();
  const t = `/api/takes/${assignment.token}`;
  await c.post(`${t}/start`, {});
  await c.put(`${t}/katas/hello-server/draft`, { code: 'import http from "node:http";\n' });
  await c.put(`${t}/katas/hello-server/draft`, { code: helloNoNewline, paste: true });
  await c.post(`${t}/katas/hello-server/run`, { code: helloNoNewline });
  assert.equal((await c.post(`${t}/katas/hello-server/submissions?wait=true`, { code: helloNoNewline })).status, 201);
  assert.equal((await c.post(`${t}/katas/hello-server/submissions?wait=true`, { code: helloCorrect })).body.score, 100);
  await c.post(`${t}/finish`, {});
});
after(() => server.close());

describe('one assignment', () => {
  it('shows every Run and Submit in order, the final code and the full verdict with hidden details', async () => {
    const res = await ivy.get(`/api/assignments/${assignment.id}`);
    assert.equal(res.status, 200);
    const [kata] = res.body.katas;
    assert.equal(kata.slug, 'hello-server');
    assert.equal(kata.score, 100);
    assert.equal(kata.finalCode, helloCorrect);
    assert.deepEqual(kata.attempts.map((a: { kind: string; score: number }) => [a.kind, a.score < 100]), [['run', true], ['submit', true], ['submit', false]]);
    const wrong = kata.attempts[1].submission.result;
    const hiddenFailed = wrong.probes.find((p: { visibility: string; passed: boolean }) => p.visibility === 'hidden' && !p.passed);
    assert.ok(hiddenFailed.message.length > 0, 'the reviewer sees why a hidden probe failed');
    assert.ok(hiddenFailed.exchanges.length > 0);
    assert.equal(res.body.status, 'finished');
    assert.ok(res.body.timeUsedSeconds >= 0);
  });

  it('replays the code: every snapshot in order, pastes marked', async () => {
    const res = await ivy.get(`/api/assignments/${assignment.id}/katas/hello-server/replay`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.snapshots.map((s: { kind: string }) => s.kind), ['edit', 'paste', 'run', 'submit', 'submit']);
    assert.equal(res.body.snapshots.at(-1).code, helloCorrect);
    const times = res.body.snapshots.map((s: { at: string }) => Date.parse(s.at));
    assert.deepEqual([...times].sort((a, b) => a - b), times);
  });

  it('re-runs a submission with its seed', async () => {
    const detail = (await ivy.get(`/api/assignments/${assignment.id}`)).body;
    const submission = detail.katas[0].attempts[1].submission;
    const path = `/api/assignments/${assignment.id}/submissions/${submission.id}/rerun`;
    assert.equal((await ivy.post(path, {})).status, 403, 'without the CSRF token');
    const rerun = await ivy.send('POST', path);
    assert.equal(rerun.status, 200);
    assert.equal(rerun.body.seed, submission.result.seed);
    assert.equal(rerun.body.score, submission.score);
    assert.equal((await rita.send('POST', path)).status, 404);
  });

  it('keeps notes, a 1–4 rating and a recommendation, which the candidate never sees', async () => {
    const path = `/api/assignments/${assignment.id}/review`;
    const review = { notes: 'Fixed the newline after one look at the failing probe.', rating: 3, recommendation: 'yes' };
    assert.equal((await ivy.put(path, review)).status, 403, 'without the CSRF token');
    assert.equal((await ivy.send('PUT', path, { ...review, rating: 5 })).status, 400);
    assert.equal((await rita.send('PUT', path, review)).status, 404);
    const saved = await ivy.send('PUT', path, review);
    assert.equal(saved.status, 200);
    assert.equal(saved.body.notes, review.notes);
    assert.equal(saved.body.rating, 3);
    const seen = await candidate().get(`/api/takes/${assignment.token}`);
    assert.ok(!seen.text.includes('newline after one look'));
  });
});

describe('who sees what', () => {
  it('gives interviewers their own assignments only, admins all', async () => {
    const names = async (staff: Staff) => (await staff.get('/api/assignments')).body.assignments.map((a: { candidateName: string }) => a.candidateName).sort();
    assert.deepEqual(await names(ivy), ['Dana, "the" candidate']);
    assert.deepEqual(await names(rita), ['Rita’s candidate']);
    assert.deepEqual(await names(admin), ['Dana, "the" candidate', 'Rita’s candidate']);
    assert.equal((await rita.get(`/api/assignments/${assignment.id}`)).status, 404);
    assert.equal((await rita.get(`/api/assignments/${assignment.id}/katas/hello-server/replay`)).status, 404);
    assert.equal((await admin.get(`/api/assignments/${assignment.id}`)).status, 200);
    assert.equal((await new Learner(server.url).get(`/api/assignments/${assignment.id}`)).status, 401);
    assert.equal((await admin.get('/api/assignments?status=finished')).body.assignments.length, 1);
    assert.equal((await admin.get('/api/assignments?q=rita')).body.assignments.length, 1);
  });
});

describe('export', () => {
  it('writes CSV, a row per kata, quoted where needed', async () => {
    const res = await ivy.get('/api/assignments/export?format=csv');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/csv/);
    assert.match(res.headers.get('content-disposition')!, /attachment; filename="assignments-.*\.csv"/);
    const [header, row] = res.text.split('\r\n');
    assert.match(header!, /^assignment,candidate,candidate_email,status,/);
    assert.ok(row!.startsWith(`${assignment.id},"Dana, ""the"" candidate",,finished,ivy@example.test,`));
    assert.match(row!, /,hello-server,100,passed,2,1,"import http/);
    assert.ok(res.text.includes("res.end('Hello from raw Node!\\n');"));
    assert.ok(!(await rita.get('/api/assignments/export?format=csv')).text.includes('Dana'));
  });

  it('writes JSON with the verdicts, for one assignment or a filtered list', async () => {
    const one = await admin.get(`/api/assignments/export?format=json&id=${assignment.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.length, 1);
    assert.equal(one.body[0].katas[0].verdict.score, 100);
    const none = await admin.get('/api/assignments/export?format=json&status=cancelled');
    assert.deepEqual(none.body, []);
    assert.equal((await rita.get(`/api/assignments/export?format=json&id=${assignment.id}`)).status, 404);
  });
});
