// Two runs at the same time do not see each other: each has a uid of its own, reaches no
// process and no port but its own, and neither result holds anything of the other run.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { RunPool } from '../../sandbox/index.js';
import { installedVersion, testBundles } from '../support/runs.js';
import { assertNowhereIn, bounded, correct, token } from './support.js';

const pool = new RunPool({ bundles: testBundles, concurrency: 2 });
after(() => pool.close());

/** Looks around for ~1 s before listening: the host's ephemeral ports, where the other run's socket is, and every pid. */
function snooper(secret: string): string {
  return `const net = require('node:net');
console.log('mine ${secret}');
const started = Date.now();
let open = 0;
const knock = (port: number) => new Promise<void>((resolve) => {
  const socket = net.connect(port, '127.0.0.1');
  // A connection to one's own source port is TCP's self-connect, not a listener.
  socket.on('connect', () => { if (socket.localPort !== socket.remotePort) open++; socket.destroy(); resolve(); });
  socket.on('error', () => resolve());
});
const reached: number[] = [];
process.on('SIGCONT', () => {});
(async () => {
  for (let port = 32768; port <= 60999; port += 40) await Promise.all(Array.from({ length: Math.min(40, 61000 - port) }, (_, i) => knock(port + i)));
  for (let pid = 1; pid <= 32768; pid++) { try { process.kill(pid, 'SIGCONT'); reached.push(pid); } catch {} }
  console.log('uid ' + process.getuid!());
  console.log('open ' + open);
  console.log('reached ' + reached.join(','));
  console.log('window ' + started + ' ' + Date.now());
  ${correct}
})();
`;
}

function line(stdout: string, key: string): string {
  return new RegExp(`^${key} (.*)$`, 'm').exec(stdout)?.[1] ?? '';
}

describe('concurrent runs', bounded, () => {
  it('two runs at once see neither each other\'s processes, ports nor code', async () => {
    const secrets = [token('run-a'), token('run-b')];
    const results = await Promise.all(secrets.map((secret) => pool.run({ kata: 'hello-server', version: installedVersion('hello-server'), code: snooper(secret), mode: 'submit', seed: 1, limits: { listenMs: 8000 } })));
    for (const result of results) assert.equal(result.status, 'passed', result.message);
    const [a, b] = results.map((r) => r.logs.stdout) as [string, string];
    const [aStart, aEnd] = line(a, 'window').split(' ').map(Number) as [number, number];
    const [bStart, bEnd] = line(b, 'window').split(' ').map(Number) as [number, number];
    assert.ok(Math.max(aStart, bStart) < Math.min(aEnd, bEnd), 'the two runs did not overlap');
    assert.notEqual(line(a, 'uid'), line(b, 'uid'));
    assert.equal(line(a, 'open'), '0');
    assert.equal(line(b, 'open'), '0');
    for (const stdout of [a, b]) assert.ok(line(stdout, 'reached').split(',').every((pid) => Number(pid) < 100), line(stdout, 'reached'));
    assertNowhereIn(results[0]!, [secrets[1]!]);
    assertNowhereIn(results[1]!, [secrets[0]!]);
  });
});
