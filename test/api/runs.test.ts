// Run and Submit through the real runner: what comes back, what is stored, what is limited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Learner, learnerWithCookie, startTestServer, type TestServer } from './server.js';
import { helloCorrect, helloNoNewline, helloSyntaxError, helloTypeError } from './solutions.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ rateLimits: { run: { max: 6, windowMs: 60_000 }, submit: { max: 4, windowMs: 60_000 } } });
});
after(() => server.close());

const newLearner = () => learnerWithCookie(server.url);

describe('Run', () => {
  it('runs only the sample probes and shows each request and response', async () => {
    const learner = await newLearner();
    const res = await learner.post('/api/katas/hello-server/run', { code: helloNoNewline });
    assert.equal(res.status, 200);
    assert.equal(res.body.mode, 'run');
    assert.equal(res.body.status, 'failed');
    assert.ok(res.body.probes.length > 0);
    assert.ok(res.body.probes.every((p: { visibility: string }) => p.visibility === 'sample'));
    const body = res.body.probes.find((p: { name: string }) => p.name === 'body is exactly the greeting');
    assert.equal(body.passed, false);
    assert.match(body.message, /expected "Hello from raw Node!\\n", got "Hello from raw Node!"/);
    assert.match(body.exchanges[0].request.curl, /^curl -i 'http:\/\/localhost:3000\//);
    assert.equal(body.exchanges[0].response.body, 'Hello from raw Node!');
  });

  it('is not stored in the history', async () => {
    const learner = await newLearner();
    assert.equal((await learner.post('/api/katas/hello-server/run', { code: helloCorrect })).body.status, 'passed');
    assert.deepEqual((await learner.get('/api/katas/hello-server/submissions')).body, { submissions: [] });
  });

  it('reports syntax errors with their line, without running anything', async () => {
    const learner = await newLearner();
    const res = await learner.post('/api/katas/hello-server/run', { code: helloSyntaxError });
    assert.equal(res.body.status, 'compile_error');
    assert.equal(res.body.diagnostics[0].kind, 'syntax');
    assert.equal(res.body.diagnostics[0].line, 4);
  });
});

describe('Submit', () => {
  it('stores type errors against Node\'s typings after a verdict that did not wait for them', async () => {
    const learner = await newLearner();
    const res = await learner.post('/api/katas/hello-server/submissions', { code: helloTypeError });
    const events = await learner.events(`/api/submissions/${res.body.id}/events`, { ms: 60_000 });
    const names = events.map((e) => e.event);
    assert.ok(names.indexOf('diagnostics') > names.indexOf('verdict'), names.join(' '));
    assert.equal(events.find((e) => e.event === 'verdict')!.data.status, 'passed');
    const typeError = events.find((e) => e.event === 'diagnostics')!.data.diagnostics.find((d: { kind: string }) => d.kind === 'type');
    assert.equal(typeError.line, 3);
    const stored = (await learner.get(`/api/submissions/${res.body.id}`)).body;
    assert.deepEqual(stored.result.diagnostics.find((d: { kind: string }) => d.kind === 'type'), typeError);
  });

  it('stores the submission with its verdict; hidden probes show name and pass/fail only', async () => {
    const learner = await newLearner();
    const res = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloNoNewline });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'failed');
    assert.ok(res.body.score > 0 && res.body.score < 100);
    const hidden = res.body.result.probes.filter((p: { visibility: string }) => p.visibility === 'hidden');
    assert.ok(hidden.length > 0, 'a submission runs the hidden probes too');
    for (const probe of hidden) {
      assert.equal(typeof probe.name, 'string');
      assert.equal(typeof probe.passed, 'boolean');
      assert.equal(probe.message, '');
      assert.equal(probe.exchanges, undefined);
    }

    const history = (await learner.get('/api/katas/hello-server/submissions')).body.submissions;
    assert.equal(history.length, 1);
    assert.equal(history[0].id, res.body.id);
    assert.equal(history[0].status, 'failed');
    const stored = (await learner.get(`/api/submissions/${res.body.id}`)).body;
    assert.equal(stored.code, helloNoNewline);
    assert.deepEqual(stored.result, res.body.result);
  });

  it('moves the kata from not tried to attempted to solved, keeping the best score', async () => {
    const learner = await newLearner();
    const status = async () => (await learner.get('/api/katas')).body.katas.find((k: { slug: string }) => k.slug === 'hello-server').progress;
    assert.deepEqual(await status(), { status: 'not_tried', bestScore: null, submissions: 0 });
    const failed = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloNoNewline });
    assert.equal((await status()).status, 'attempted');
    assert.equal((await status()).bestScore, failed.body.score);
    assert.equal((await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect })).body.score, 100);
    await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloNoNewline });
    assert.deepEqual(await status(), { status: 'solved', bestScore: 100, submissions: 3 });
    const history = (await learner.get('/api/katas/hello-server/submissions')).body.submissions;
    assert.deepEqual(history.map((s: { score: number }) => s.score), [failed.body.score, 100, failed.body.score], 'newest first');
  });
});

describe('Rate limits', () => {
  it('limits runs per learner with 429 and Retry-After, counting every attempt', async () => {
    const learner = await newLearner();
    for (let i = 0; i < 6; i++) assert.equal((await learner.post('/api/katas/hello-server/run', { notCode: i })).status, 400);
    const limited = await learner.post('/api/katas/hello-server/run', { code: helloCorrect });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error, 'too_many_requests');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    // Someone else is not affected.
    const other = await newLearner();
    assert.equal((await other.post('/api/katas/hello-server/run', { notCode: true })).status, 400);
  });

  it('limits submissions per learner', async () => {
    const learner = await newLearner();
    for (let i = 0; i < 4; i++) assert.equal((await learner.post('/api/katas/hello-server/submissions', {})).status, 400);
    const limited = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect });
    assert.equal(limited.status, 429);
    assert.deepEqual((await learner.get('/api/katas/hello-server/submissions')).body.submissions, []);
  });

  it('counts clients without a cookie by address, so dropping the cookie does not reset the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await new Learner(server.url).post('/api/katas/hello-server/run', {})).status);
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 400, 429]);
  });
});
