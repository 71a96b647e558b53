// A candidate starts no process, shell, worker or cluster fork, and loads no native code; the
// threads Node itself needs still work under the process limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterAttempts, assertAllRefused, bounded, processesMarked, timedRun, token } from './support.js';

describe('processes', bounded, () => {
  it('cannot start processes, shells, workers or cluster forks, nor load native code', async () => {
    const marker = token('spawned');
    const { result } = await timedRun(afterAttempts(`
const cp = require('node:child_process');
const sleeper = ['-c', 'sleep 30 # ${marker}'];
outcome('execSync', () => cp.execSync('sleep 30 # ${marker}'));
outcome('spawnSync', () => cp.spawnSync('/bin/sh', sleeper));
outcome('execFileSync', () => cp.execFileSync(process.execPath, ['-e', 'setTimeout(() => {}, 30000) // ${marker}']));
outcome('spawn detached', () => cp.spawn('/bin/sh', sleeper, { detached: true, stdio: 'ignore' }).unref());
outcome('fork', () => cp.fork('/katabox/shim.cjs', ['${marker}']));
outcome('cluster', () => require('node:cluster').fork({ MARK: '${marker}' }));
outcome('worker', () => new (require('node:worker_threads').Worker)('setInterval(() => {}, 1000) // ${marker}', { eval: true }));
outcome('binding spawn_sync', () => (process as any).binding('spawn_sync').spawn({ file: '/bin/sh', args: ['sh', ...sleeper], stdio: [] }));
outcome('native addon', () => (process as any).dlopen({ exports: {} }, '/usr/lib/x86_64-linux-gnu/libc.so.6'));
outcome('wasi', () => new (require('node:wasi').WASI)({ version: 'preview1' }));
`));
    assert.equal(result.status, 'passed', result.message);
    assertAllRefused(result, /^(ERR_ACCESS_DENIED|ERR_DLOPEN_DISABLED)$/);
    assert.deepEqual(processesMarked(marker), []);
  });

  it('runs Node\'s own thread pool at full width under the process limit', async () => {
    const { result } = await timedRun(afterAttempts(`
const crypto = require('node:crypto');
await settle('64 hashes at once', () => Promise.all(Array.from({ length: 64 }, () => new Promise((resolve, reject) => crypto.pbkdf2('a', 'b', 20000, 32, 'sha256', (e: any, key: any) => (e ? reject(e) : resolve(key)))))).then((keys) => keys.length));
`));
    assert.equal(result.status, 'passed', result.message);
    assert.match(result.logs.stdout, /64 hashes at once => ok 64/);
  });
});
