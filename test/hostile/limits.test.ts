// Each limit stops the run that hits it, in time, with a message that names the limit; the
// result stays small whatever the candidate prints, and the next correct run is unharmed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Limits } from '../../sandbox/index.js';
import { assertStillScores100, bounded, correct, timedRun } from './support.js';

const short: Partial<Limits> = { wallMs: 4000, cpuSeconds: 1, memoryMb: 128 };
/** What a run may take beyond its wall-clock limit: killing, clean-up, the pool's own work. */
const MARGIN_MS = 1500;

async function hits(code: string, status: string, message: RegExp): Promise<void> {
  const { result, ms } = await timedRun(code, { limits: short });
  assert.equal(result.status, status, result.message);
  assert.match(result.message, message);
  assert.ok(ms < short.wallMs! + MARGIN_MS, `the verdict took ${Math.round(ms)} ms`);
}

describe('limits', bounded, () => {
  it('stops a CPU loop before listening', () => hits('while (true) {}', 'crashed', /CPU time limit of 1 s exceeded/));

  it('stops a CPU loop inside a handler, even one that ignores SIGXCPU', () =>
    hits(`process.on('SIGXCPU', () => console.log('ignored'));
require('node:http').createServer(() => { while (true) {} }).listen(3000);`, 'crashed', /CPU time limit of 1 s exceeded/));

  it('stops a heap bomb', () => hits('const kept: object[] = [];\nwhile (true) kept.push({ n: Math.random(), list: [1, 2, 3] });', 'crashed', /memory limit of 128 MB exceeded/));

  it('stops a bomb of Buffers, which live outside the V8 heap', () =>
    hits(`const kept: Buffer[] = [];
setInterval(() => { for (let i = 0; i < 16; i++) kept.push(Buffer.alloc(1 << 20, 1)); }, 5);
${correct}`, 'crashed', /memory limit of 128 MB exceeded/));

  it('stops a server that runs out of file descriptors', () =>
    hits(`const net = require('node:net');
const held: unknown[] = [];
for (let i = 0; i < 100; i++) held.push(net.connect(9, '127.0.0.1').on('error', (err: any) => { if (err.code === 'EMFILE') throw err; }));`, 'crashed', /open-file limit of 64 exceeded/));

  it('keeps 64 KB of each output stream and says so, however much is printed', async () => {
    const line = 'x'.repeat(1023);
    const { result } = await timedRun(`const line = '${line}\\n';
setInterval(() => { for (let i = 0; i < 256; i++) { process.stdout.write(line); process.stderr.write(line); } }, 1);
${correct}`, { limits: short });
    assert.equal(result.status, 'passed', result.message);
    assert.match(result.message, /Output truncated at 64 KB per stream\./);
    assert.equal(result.logs.truncated, true);
    assert.equal(result.logs.stdout.length, 64 * 1024);
    assert.equal(result.logs.stderr.length, 64 * 1024);
    assert.ok(JSON.stringify(result).length < 150 * 1024, 'the result JSON stays small');
  });

  it('still scores a correct submission 100 afterwards', assertStillScores100);
});
