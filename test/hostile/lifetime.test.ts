// A run ends when Katabox says so: nothing of it runs on after the verdict, it cannot signal the
// runner or the platform, and a server that answers just under every timeout still ends in time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterAttempts, assertStillScores100, attempts, bounded, processesMarked, processesStillRunning, timedRun, token, waitUntilGone } from './support.js';

describe('lifetime', bounded, () => {
  it('leaves no process behind, however hard the candidate clings on', async () => {
    const marker = token('clinging');
    const running = timedRun(`process.title = '${marker}';
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2']) process.on(signal, () => console.log('ignored ' + signal));
process.on('exit', () => { while (true) {} });
setInterval(() => {}, 1000);
setTimeout(() => {}, 60_000).unref();
require('node:http').createServer((req: any, res: any) => setTimeout(() => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
}, 200)).listen(3000);`);
    // The scan below would be meaningless if it could not see the candidate while it runs.
    let seen = false;
    for (let settled = false; !settled && !seen; ) {
      seen = processesMarked(marker).length > 0;
      settled = await Promise.race([running.then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, 20, false))]);
    }
    const { result } = await running;
    assert.equal(result.status, 'passed', result.message);
    assert.ok(seen, 'the candidate was never seen running on the host');
    // The verdict leaves once the run is killed; the kernel's teardown of it may take a moment more.
    assert.deepEqual(processesStillRunning(marker), [], 'a process of the run could still run code after its verdict');
    await waitUntilGone(marker, 2000);
    assert.deepEqual(processesMarked(marker), [], 'a process of the run outlived its verdict');
  });

  it('cannot signal the runner, the platform or anything else on the host', async () => {
    const { result } = await timedRun(afterAttempts(`
// SIGTERM rather than SIGKILL for the sweep: the sweep also hits the candidate's own threads.
process.on('SIGTERM', () => {});
const reached: number[] = [];
for (let pid = 1; pid <= 32768; pid++) {
  try { process.kill(pid, 'SIGTERM'); reached.push(pid); } catch {}
}
outcome('SIGTERM to every pid, reached', () => reached.join(','));
outcome('SIGKILL to the test runner', () => process.kill(${process.pid}, 'SIGKILL'));
outcome('SIGKILL to its parent', () => process.kill(process.ppid, 'SIGKILL'));
outcome('SIGKILL to every process it may signal', () => process.kill(-1, 'SIGKILL'));
`));
    // Had the runner host died, this run would have ended in 'error'.
    assert.equal(result.status, 'passed', result.message);
    const seen = attempts(result);
    assert.equal(seen.get('SIGKILL to the test runner'), 'ESRCH');
    // Inside its own pid namespace: bwrap's init (which ignores signals), itself and its threads.
    const reached = seen.get('SIGTERM to every pid, reached')!.replace(/^ok /, '').split(',').map(Number);
    assert.ok(reached.length > 0 && reached.every((pid) => pid < 100), `reached ${reached.join(',')}`);
    await assertStillScores100();
  });

  it('ends a server that answers just under every timeout at the wall-clock limit', async () => {
    const wallMs = 3000;
    const { result, ms } = await timedRun(`require('node:http').createServer((req: any, res: any) => setTimeout(() => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
}, 1900)).listen(3000);`, { limits: { wallMs } });
    assert.equal(result.status, 'timeout', result.message);
    assert.match(result.message, /Wall-clock limit of 3 s exceeded/);
    assert.ok(result.timings.totalMs <= wallMs + 500, `the run took ${result.timings.totalMs} ms`);
    assert.ok(ms < wallMs + 1500, `the verdict took ${Math.round(ms)} ms`);
  });
});
