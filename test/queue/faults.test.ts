// Runs through the queue, with real processes: `katabox serve --queue` twice, `katabox runner`
// workers, a real Redis and one store. What a learner notices when a worker dies mid-run, when
// Redis restarts, when a web process goes, when no worker is alive or the queue is full.
import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { SqliteDatabase } from '../../apps/server/storage/sqlite-driver.js';
import { Learner, learnerWithCookie, type ServerEvent } from '../api/server.js';
import { helloCorrect, helloSlow, helloTypeError } from '../api/solutions.js';
import { startRunner, startWeb, type KataboxProcess } from '../support/processes.js';
import { TestRedis } from '../support/redis.js';
import { tempDir } from '../support/temp.js';

let redis: TestRedis;
let db: string;
let webA: { url: string; process: KataboxProcess };
let webB: { url: string; process: KataboxProcess };
const runners: KataboxProcess[] = [];

before(async () => {
  redis = await TestRedis.start();
  db = path.join(tempDir('queue'), 'katabox.db');
  // The first one creates the database; then the second.
  webA = await startWeb({ db, queue: redis.url });
  webB = await startWeb({ db, queue: redis.url });
});
after(async () => {
  await Promise.all([...runners, webA.process, webB.process].map((p) => p.stop()));
});

async function health(url: string): Promise<{ runner: { running: number; queued: number; workers?: number } }> {
  return (await fetch(`${url}/api/health`)).json() as Promise<{ runner: { running: number; queued: number; workers?: number } }>;
}

/** Waits until the web process counts `workers` live runner workers. */
async function workersSeen(url: string, workers: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await health(url)).runner.workers === workers) return;
    await sleep(100);
  }
  assert.fail(`${url} never counted ${workers} worker(s)`);
}

/** The learner's submission once it has its verdict, read as the learner reads it. */
async function verdictOf(learner: Learner, id: string, ms = 60_000): Promise<any> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { body } = await learner.get(`/api/submissions/${id}`);
    if (body.status !== 'queued') return body;
    if (Date.now() > deadline) assert.fail(`submission ${id} is still queued after ${ms} ms`);
    await sleep(200);
  }
}

/** Every stored submission: its seed, chosen before it ran, and the seed its verdict says it ran with. */
function storedRows(): Array<{ id: string; status: string; seed: number; ranWith: number | null }> {
  const file = new SqliteDatabase(db, { readonly: true });
  try {
    return (file.prepare('SELECT public_id AS id, status, seed, result FROM submissions').all() as Array<{ id: string; status: string; seed: number; result: string | null }>).map((r) => ({
      id: r.id,
      status: r.status,
      seed: r.seed,
      ranWith: r.result === null ? null : (JSON.parse(r.result) as { seed: number }).seed,
    }));
  } finally {
    file.close();
  }
}

/** The same learner (the same cookie) talking to another web process. */
function sameLearnerOn(url: string, learner: Learner): Learner {
  const there = new Learner(url);
  there.cookie = learner.cookie;
  return there;
}

const probeIds = (events: ServerEvent[]) => events.filter((e) => e.event === 'probe').map((e) => e.data.id as string);

describe('the test Redis', () => {
  it('fails loudly, naming the Debian package, when redis-server is missing', async () => {
    const pathBefore = process.env.PATH;
    process.env.PATH = tempDir('empty-path');
    try {
      await assert.rejects(TestRedis.start(), /redis-server is not installed[\s\S]*Debian package `redis-server`/);
    } finally {
      process.env.PATH = pathBefore;
    }
  });
});

describe('runs through the queue', () => {
  it('with no runner alive, answers 503 with Retry-After and stores nothing; /api/health says 0 workers', async () => {
    const learner = await learnerWithCookie(webA.url);
    const submitted = await learner.post('/api/katas/hello-server/submissions', { code: helloCorrect });
    assert.equal(submitted.status, 503);
    assert.equal(submitted.body.error, 'no_runner');
    assert.ok(Number(submitted.headers.get('retry-after')) >= 1);
    const ran = await learner.post('/api/katas/hello-server/run', { code: helloCorrect });
    assert.equal(ran.status, 503);
    assert.equal((await learner.get('/api/katas/hello-server/submissions')).body.submissions.length, 0);
    assert.equal((await health(webA.url)).runner.workers, 0);
  });

  it('takes a submission on one web process and streams its events to a browser on the other', async () => {
    runners.push(await startRunner({ db, queue: redis.url }));
    await workersSeen(webA.url, 1);
    await workersSeen(webB.url, 1);
    const learner = await learnerWithCookie(webA.url);
    const queued = await learner.post('/api/katas/hello-server/submissions', { code: helloSlow });
    assert.equal(queued.status, 202);
    // The same learner (the cookie is signed with the store's secret), watching through the other process.
    const onB = sameLearnerOn(webB.url, learner);
    const events = await onB.events(`/api/submissions/${queued.body.id}/events`, { ms: 30_000 });
    assert.deepEqual([...new Set(events.map((e) => e.event))], ['probe', 'verdict', 'end']);
    const verdict = events.find((e) => e.event === 'verdict')!.data;
    assert.equal(verdict.status, 'passed');
    assert.deepEqual(probeIds(events), verdict.result.probes.map((p: { id: string }) => p.id));
    // Type errors are found after the verdict, and reach the other process too.
    const typed = await learner.post('/api/katas/hello-server/submissions', { code: helloTypeError });
    const typedEvents = await onB.events(`/api/submissions/${typed.body.id}/events`, { ms: 60_000 });
    assert.deepEqual([...new Set(typedEvents.map((e) => e.event))], ['probe', 'verdict', 'diagnostics', 'end']);
    const diagnostics = typedEvents.find((e) => e.event === 'diagnostics')!.data.diagnostics;
    assert.ok(diagnostics.some((d: { line: number; kind: string }) => d.line === 3 && d.kind === 'type'), JSON.stringify(diagnostics));
    assert.ok((await learner.get(`/api/submissions/${typed.body.id}`)).body.result.diagnostics.some((d: { line: number }) => d.line === 3), 'and are stored');
    // Run (nothing stored) goes through the queue too.
    const ran = await onB.post('/api/katas/hello-server/run', { code: helloCorrect });
    assert.equal(ran.status, 200);
    assert.equal(ran.body.status, 'passed');
    assert.equal(ran.body.mode, 'run');
    // And so does a request the learner wrote for their own server.
    const sent = await onB.post('/api/katas/hello-server/request', { code: helloCorrect, request: { method: 'GET', path: '/hi', headers: [], body: '' } });
    assert.equal(sent.status, 200, sent.text);
    assert.equal(sent.body.status, 'answered');
    assert.equal(sent.body.response.status, 200);
    assert.equal(sent.body.response.body, 'Hello from raw Node!\n');
  });

  it('answers 503 busy with Retry-After when the queue is full, and runs what it took', async () => {
    // One worker taking one run at a time: four may wait.
    const learners = await Promise.all(Array.from({ length: 9 }, () => learnerWithCookie(webA.url)));
    const replies = await Promise.all(learners.map((l) => l.post('/api/katas/hello-server/submissions', { code: helloSlow })));
    const refused = replies.filter((r) => r.status === 503);
    assert.ok(refused.length > 0, 'some are refused');
    for (const reply of refused) {
      assert.equal(reply.body.error, 'busy');
      assert.ok(Number(reply.headers.get('retry-after')) >= 1);
    }
    const taken = replies.map((r, i) => ({ reply: r, learner: learners[i]! })).filter(({ reply }) => reply.status === 202);
    assert.ok(taken.length >= 2, `at least the running one and one waiting were taken (${taken.length})`);
    // The health check reads the queue's depth every second.
    let depth = 0;
    for (let i = 0; i < 30 && depth === 0; i++) {
      await sleep(100);
      depth = (await health(webA.url)).runner.queued;
    }
    assert.ok(depth >= 1, 'the health check shows the queue depth');
    for (const { reply, learner } of taken) assert.equal((await verdictOf(learner, reply.body.id)).status, 'passed');
  });

  it('a runner killed mid-run: another takes the run again, with the same seed, and records one verdict', async () => {
    const second = await startRunner({ db, queue: redis.url });
    runners.push(second);
    await workersSeen(webA.url, 2);
    const learners = await Promise.all([0, 1].map(() => learnerWithCookie(webA.url)));
    const queued = await Promise.all(learners.map((l) => l.post('/api/katas/hello-server/submissions', { code: helloSlow })));
    // Each worker takes one run at a time: once both runs have told a probe, each worker holds one.
    const started = new Set<number>();
    let bothStarted: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (bothStarted = resolve));
    const streams = queued.map((q, i) =>
      learners[i]!.events(`/api/submissions/${q.body.id}/events`, {
        ms: 60_000,
        onEvent: (e) => {
          if (e.event !== 'probe') return;
          started.add(i);
          if (started.size === 2) bothStarted();
        },
      }),
    );
    await both;
    assert.equal(await runners[0]!.kill(), null);
    const events = await Promise.all(streams);
    for (const [i, stream] of events.entries()) {
      const verdicts = stream.filter((e) => e.event === 'verdict');
      assert.equal(verdicts.length, 1);
      assert.equal(verdicts[0]!.data.status, 'passed', verdicts[0]!.data.result.message);
      // Each probe told once, although the killed worker's run told some of them before.
      assert.deepEqual(probeIds(stream), verdicts[0]!.data.result.probes.map((p: { id: string }) => p.id));
      const row = storedRows().find((r) => r.id === queued[i]!.body.id)!;
      assert.equal(row.ranWith, row.seed, 'the verdict ran with the seed chosen at submission');
    }
    await workersSeen(webA.url, 1);
  });

  it('Redis restarting loses no queued submission: what the store has queued is enqueued again, and runs once', async () => {
    // One runs, two wait: within what one worker taking one run at a time lets wait (four).
    const learners = await Promise.all([0, 1, 2].map(() => learnerWithCookie(webA.url)));
    const queued = await Promise.all(learners.map((l) => l.post('/api/katas/hello-server/submissions', { code: helloSlow })));
    assert.deepEqual(queued.map((q) => q.status), [202, 202, 202], queued.map((q) => q.text).join('\n'));
    // Everything in Redis is gone: nothing was persisted.
    await redis.restart();
    const verdicts = await Promise.all(queued.map((q, i) => verdictOf(learners[i]!, q.body.id)));
    assert.deepEqual(verdicts.map((v) => v.status), ['passed', 'passed', 'passed']);
    const rows = storedRows().filter((r) => queued.some((q) => q.body.id === r.id));
    assert.equal(rows.length, 3);
    for (const row of rows) assert.equal(row.ranWith, row.seed);
    // And the queue works on.
    await workersSeen(webB.url, 1);
    const next = await learners[0]!.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect });
    assert.equal(next.status, 201);
    assert.equal(next.body.status, 'passed');
  });

  it('a web process down: the other serves the same learners, their work and their cookies', async () => {
    const learner = await learnerWithCookie(webA.url);
    const first = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect });
    assert.equal(first.status, 201);
    await webA.process.kill();
    const onB = sameLearnerOn(webB.url, learner);
    const listed = await onB.get('/api/katas/hello-server/submissions');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.submissions.map((s: { id: string }) => s.id), [first.body.id]);
    const again = await onB.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect });
    assert.equal(again.status, 201);
    assert.equal(again.body.status, 'passed');
    assert.equal(onB.cookie, learner.cookie, 'no new identity was issued');
  });
});
