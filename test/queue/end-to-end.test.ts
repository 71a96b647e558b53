// The scaled-out platform on one machine: two web processes and two runner workers (real
// `katabox serve --queue` and `katabox runner` processes), a real Redis and a real PostgreSQL. A hundred
// submissions of hello-server's reference, spread over both web processes, each watched from the
// other one; one runner is killed with SIGKILL halfway. Every submission ends with exactly one
// verdict, and it passes; none is lost, none is stored twice.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { Learner, learnerWithCookie } from '../api/server.js';
import { kataDir } from '../support/runs.js';
import { startRunner, startWeb, type KataboxProcess } from '../support/processes.js';
import { postgresForThisFile } from '../support/postgres.js';
import { TestRedis } from '../support/redis.js';

const SUBMISSIONS = 100;
/** Clients with a submission in flight at once. */
const CLIENTS = 8;
/** Each learner submits this many times: within the limit of 10 a minute. */
const PER_LEARNER = 5;

let redis: TestRedis;
let db: string;
const webs: Array<{ url: string; process: KataboxProcess }> = [];
const runners: KataboxProcess[] = [];

const postgres = postgresForThisFile();

before(async () => {
  redis = await TestRedis.start();
  db = await (await postgres()).database();
  // The first web process creates the store; the others open it.
  webs.push(await startWeb({ db, queue: redis.url }));
  const [second, ...started] = await Promise.all([
    startWeb({ db, queue: redis.url }),
    startRunner({ db, queue: redis.url, concurrency: 2 }),
    startRunner({ db, queue: redis.url, concurrency: 2 }),
  ]);
  webs.push(second);
  runners.push(...(started as KataboxProcess[]));
});
after(() => Promise.all([...runners, ...webs.map((w) => w.process)].map((p) => p.stop())));

describe('two web processes and two runners on one queue', () => {
  it('gives each of 100 submissions exactly one passing verdict, with a runner killed halfway', async () => {
    const code = fs.readFileSync(path.join(kataDir('hello-server'), 'solution.ts'), 'utf8');
    for (const web of webs) {
      for (let i = 0; i < 100 && ((await (await fetch(`${web.url}/api/health`)).json()) as { runner: { workers: number } }).runner.workers < 2; i++) await sleep(100);
    }
    const learners = await Promise.all(Array.from({ length: SUBMISSIONS / PER_LEARNER }, () => learnerWithCookie(webs[0]!.url)));
    const accepted: string[] = [];
    const verdictsSeen = new Map<string, number>();
    let refusedBusy = 0;
    let killed = false;
    let next = 0;

    /** One submission: sent to one web process, watched from the other, until its stream ends. */
    async function submitOne(n: number): Promise<void> {
      const learner = learners[n % learners.length]!;
      const [to, watchedFrom] = n % 2 === 0 ? [webs[0]!, webs[1]!] : [webs[1]!, webs[0]!];
      const sender = new Learner(to.url);
      sender.cookie = learner.cookie;
      let reply = await sender.post('/api/katas/hello-server/submissions', { code });
      // A full queue says when to come back, and stores nothing meanwhile.
      while (reply.status === 503 && reply.body.error === 'busy') {
        refusedBusy++;
        await sleep(Number(reply.headers.get('retry-after')) * 1000);
        reply = await sender.post('/api/katas/hello-server/submissions', { code });
      }
      assert.equal(reply.status, 202, reply.text);
      accepted.push(reply.body.id);
      const watcher = new Learner(watchedFrom.url);
      watcher.cookie = learner.cookie;
      const events = await watcher.events(`/api/submissions/${reply.body.id}/events`, { ms: 90_000 });
      const verdicts = events.filter((e) => e.event === 'verdict');
      verdictsSeen.set(reply.body.id, verdicts.length);
      assert.equal(verdicts.length, 1, `submission ${reply.body.id}: ${verdicts.length} verdict events`);
      assert.equal(verdicts[0]!.data.status, 'passed', verdicts[0]!.data.result?.message);
      if (!killed && verdictsSeen.size >= SUBMISSIONS / 2) {
        killed = true;
        await runners[0]!.kill();
      }
    }

    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < SUBMISSIONS) await submitOne(next++);
      }),
    );
    assert.ok(killed, 'a runner was killed halfway');
    assert.equal(accepted.length, SUBMISSIONS);
    assert.equal(new Set(accepted).size, SUBMISSIONS);

    // The store: every accepted submission once, each with its verdict, and nothing else.
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; status: string; seed: string; result: string | null }>('SELECT public_id AS id, status, seed, result FROM submissions');
      assert.deepEqual(rows.map((r) => r.id).sort(), [...accepted].sort());
      for (const row of rows) {
        assert.equal(row.status, 'passed');
        assert.equal((JSON.parse(row.result!) as { seed: number }).seed, Number(row.seed));
      }
    } finally {
      await client.end();
    }
    // The killed runner is counted out (its heartbeat stopped), and nothing is left waiting.
    let load = { workers: -1, queued: -1 };
    for (let i = 0; i < 100 && (load.workers !== 1 || load.queued !== 0); i++) {
      const { runner } = (await (await fetch(`${webs[1]!.url}/api/health`)).json()) as { runner: { workers: number; queued: number } };
      load = { workers: runner.workers, queued: runner.queued };
      await sleep(100);
    }
    assert.deepEqual(load, { workers: 1, queued: 0 });
    if (refusedBusy > 0) console.log(`${refusedBusy} submission(s) were told the queue was full and came back later`);
  });
});
