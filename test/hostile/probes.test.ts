// A hostile kata author: probes.ts that loops, eats memory, floods the bridge or looks for the
// host's objects. The runner host survives each, the run ends in time as 'error' or a failed
// probe, and probe code never holds anything of the host.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunResult } from '../../sandbox/index.js';
import { assertStillScores100, bounded, correct, kataWithProbes, timedRun } from './support.js';

const wallMs = 4000;

async function runProbes(probes: string): Promise<{ result: RunResult; ms: number }> {
  const { result, ms } = await timedRun(correct, { limits: { wallMs } }, kataWithProbes(`import { probe, expect } from 'katabox/probe';\n${probes}`));
  // Had the runner host died, the run would say so; it must also end in time.
  assert.doesNotMatch(result.message, /runner process stopped/);
  assert.ok(ms < wallMs + 1500, `the verdict took ${Math.round(ms)} ms`);
  return { result, ms };
}

describe('hostile probes', bounded, () => {
  it('stops an endless loop while the probes load', async () => {
    const { result } = await runProbes('while (true) {}\nprobe("never", { name: "never" }, async () => {});');
    assert.equal(result.status, 'error');
    assert.match(result.message, /probes are broken.*timed out/);
  });

  it('stops an endless loop inside a probe', async () => {
    const { result } = await runProbes('probe("spins", { name: "spins" }, async () => { while (true) {} });');
    assert.equal(result.status, 'error');
    assert.match(result.message, /timed out/);
  });

  it('stops an endless loop after an await', async () => {
    const { result } = await runProbes('probe("spins-later", { name: "spins later", timeoutMs: 1000 }, async ({ http }) => { await http.get("/"); while (true) {} });');
    assert.ok(result.status === 'error' || (result.status === 'failed' && /did not finish/.test(result.probes[0]!.message)), result.message);
  });

  it('stops a memory bomb at the Isolate\'s limit', async () => {
    const { result } = await runProbes('probe("eats-memory", { name: "eats memory" }, async () => { const kept: number[][] = []; while (true) kept.push(new Array(1e6).fill(Math.random())); });');
    assert.equal(result.status, 'error');
    assert.match(result.message, /memory limit/);
  });

  it('survives a flood of bridge calls', async () => {
    const { result } = await runProbes(`probe("floods", { name: "floods" }, async ({ http, sleep }) => {
  for (let i = 0; i < 100000; i++) { http.get('/').catch(() => {}); sleep(5000).catch(() => {}); }
  await sleep(100);
});`);
    assert.ok(result.status === 'error' || result.status === 'failed' || result.status === 'passed', result.message);
  });

  it('finds nothing of the host inside the Isolate', async () => {
    const { result } = await runProbes(`probe("looks-around", { name: "looks around" }, async ({ note }) => {
  const g: any = globalThis;
  note('globals: ' + Object.getOwnPropertyNames(g).filter((k) => /^(process|require|module|Buffer|global|ivm|fetch|setTimeout|setInterval)$|^__/.test(k)).join(','));
  const fromFunction = (0, eval)('this').constructor.constructor('return [typeof process, typeof require, typeof global, typeof __settle, typeof __load].join(",")')();
  note('through the Function constructor: ' + fromFunction);
  let imported = 'nothing';
  try { imported = typeof (await (0, eval)('import("node:fs")')); } catch (e: any) { imported = 'refused: ' + e.message; }
  note('dynamic import: ' + imported);
  expect(true).toBe(true);
});`);
    assert.equal(result.status, 'passed', result.message);
    const notes = result.probes[0]!.message;
    assert.match(notes, /^globals: $/m);
    assert.match(notes, /through the Function constructor: undefined,undefined,undefined,undefined,undefined/);
    assert.match(notes, /dynamic import: refused/);
  });

  it('still scores a correct submission 100 afterwards', assertStillScores100);
});
