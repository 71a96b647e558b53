// The runner host dies in the middle of a submission (kill -9): the run is tried again on a
// fresh host with the same seed, and the learner gets a real verdict. A submission during which
// the host dies twice is recorded as the platform's error, saying so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { learnerWithCookie, startTestServer, type ServerEvent, type TestServer } from './server.js';
import { helloSlow } from './solutions.js';
import { runnerHostOf } from '../support/runner-host.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ runner: { concurrency: 1 } });
});
after(() => server.close());

/** Submits the slow solution and kills the runner host at each of the first `kills` probe events; the events until the end. */
async function submitKilling(kills: number): Promise<ServerEvent[]> {
  const learner = await learnerWithCookie(server.url);
  const { body: queued } = await learner.post('/api/katas/hello-server/submissions', { code: helloSlow });
  let killed = 0;
  const events = await learner.events(`/api/submissions/${queued.id}/events`, {
    ms: 60_000,
    onEvent: (event) => {
      if (event.event === 'probe' && killed < kills) {
        killed++;
        process.kill(runnerHostOf(process.pid)!, 'SIGKILL');
      }
    },
  });
  assert.equal(killed, kills);
  return events;
}

describe('a runner host killed mid-run', () => {
  it('runs the submission again on a fresh host and records its real verdict', async () => {
    const events = await submitKilling(1);
    const verdict = events.find((e) => e.event === 'verdict')!.data;
    assert.equal(verdict.status, 'passed', verdict.result.message);
    // Each probe told once, although the first ones ran twice.
    const told = events.filter((e) => e.event === 'probe').map((e) => e.data.id);
    assert.deepEqual(told, verdict.result.probes.map((p: { id: string }) => p.id));
  });

  it('records a submission during which the host died twice as the platform\'s error', async () => {
    const events = await submitKilling(2);
    const verdict = events.find((e) => e.event === 'verdict')!.data;
    assert.equal(verdict.status, 'error');
    assert.match(verdict.result.message, /runner stopped twice while running this code/);
    // The platform is fine afterwards.
    const learner = await learnerWithCookie(server.url);
    const next = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloSlow });
    assert.equal(next.body.status, 'passed');
  });
});
