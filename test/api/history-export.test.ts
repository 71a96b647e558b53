// The export: everything one learner has stored, as the learner sees it, and nothing of anyone else.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Learner, learnerWithCookie, startTestServer, type TestServer } from './server.js';
import { helloCorrect, helloNoNewline } from './solutions.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ rateLimits: { export: { max: 3, windowMs: 60_000 } } });
});
after(() => server.close());

const exportPath = '/api/history/export';

describe('history export', () => {
  it('holds every submission of every kata and every draft of the learner, verdicts as the learner sees them', async () => {
    const ann = await learnerWithCookie(server.url);
    const bob = await learnerWithCookie(server.url);
    const bobsCode = `${helloCorrect}// bob's own line\n`;
    const bobs = (await bob.post('/api/katas/hello-server/submissions?wait=true', { code: bobsCode })).body;
    await bob.put('/api/katas/parse-url/draft', { code: "// bob's draft\n" });

    assert.equal((await ann.post('/api/katas/hello-server/practice', undefined)).status, 200);
    const ids: string[] = [];
    for (const [slug, code] of [['hello-server', helloNoNewline], ['hello-server', helloCorrect], ['parse-url', helloCorrect]] as const) {
      const res = await ann.post(`/api/katas/${slug}/submissions?wait=true`, { code });
      assert.equal(res.status, 201);
      ids.push(res.body.id);
    }
    await ann.put('/api/katas/read-json-body/draft', { code: "// ann's draft\n" });

    const res = await ann.get(exportPath);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="katabox-history-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = res.body;
    assert.equal(data.format, 'katabox-history');
    assert.equal(data.version, 1);
    assert.ok(Math.abs(Date.parse(data.exportedAt) - Date.now()) < 60_000);
    assert.deepEqual(data.submissions.map((s: { id: string }) => s.id), ids, 'every submission, oldest first');
    // Each exactly as the learner's own view of it shows it: code, status, score, verdict, times.
    for (const s of data.submissions) assert.deepEqual(s, (await ann.get(`/api/submissions/${s.id}`)).body);
    const [failed, passed, other] = data.submissions;
    assert.equal(failed.kata, 'hello-server');
    assert.equal(failed.status, 'failed');
    assert.equal(failed.code, helloNoNewline);
    assert.equal(typeof failed.kataVersion, 'number');
    assert.equal(passed.status, 'passed');
    assert.equal(passed.score, 100);
    assert.ok(passed.finishedAt >= passed.createdAt);
    assert.equal(other.kata, 'parse-url');
    assert.ok(data.submissions.slice(0, 2).every((s: { timeTakenSeconds: unknown }) => typeof s.timeTakenSeconds === 'number'), 'timed on hello-server');
    assert.equal(other.timeTakenSeconds, null, 'no timer on parse-url');
    // Hidden probes as the learner sees them: name and pass/fail, no message, no exchanges.
    const hidden = failed.result.probes.filter((p: { visibility: string; passed: boolean }) => p.visibility === 'hidden' && !p.passed);
    assert.ok(hidden.length > 0, 'the greeting without its newline fails hidden probes');
    for (const p of hidden) {
      assert.equal(p.message, '');
      assert.equal(p.exchanges, undefined);
    }
    assert.deepEqual(data.drafts.map((d: { kata: string; code: string }) => [d.kata, d.code]), [['read-json-body', "// ann's draft\n"]]);

    // Nothing of Bob's.
    assert.ok(!res.text.includes(bobs.id));
    assert.ok(!res.text.includes("bob's"));
  });

  it('is empty for a learner who has stored nothing', async () => {
    const res = await new Learner(server.url).get(exportPath);
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.submissions, res.body.drafts], [[], []]);
  });

  it('is rate-limited per learner', async () => {
    const learner = await learnerWithCookie(server.url);
    for (let i = 0; i < 3; i++) assert.equal((await learner.get(exportPath)).status, 200);
    const refused = await learner.get(exportPath);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error, 'too_many_requests');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await (await learnerWithCookie(server.url)).get(exportPath)).status, 200, 'another learner still can');
  });
});
