// What the hostile tests share: canaries that must never show up in a result, listeners on the
// host that must never be reached, a scan for processes that outlive their run, throwaway katas.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RunJob, RunResult } from '../../sandbox/index.js';
import { madeUpKata, runCode } from '../support/runs.js';
import { tempDir as scratchDir } from '../support/temp.js';

/** Suite options: a containment regression must fail the suite, not hang it. */
export const bounded = { timeout: 60_000 };

export function tempDir(prefix: string): string {
  const dir = scratchDir(prefix);
  // World-readable, like most files on a host: only the jail keeps the candidate out.
  fs.chmodSync(dir, 0o755);
  return dir;
}

export function token(what: string): string {
  return `${what}-${crypto.randomBytes(12).toString('hex')}`;
}

/** A world-readable file holding a fresh secret. */
export function canaryFile(name: string): { file: string; secret: string } {
  const secret = token('canary');
  const file = path.join(tempDir('canary'), name);
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o644 });
  return { file, secret };
}

export function assertNowhereIn(result: RunResult, secrets: string[]): void {
  const json = JSON.stringify(result);
  for (const secret of secrets) assert.ok(!json.includes(secret), `the result contains the secret ${secret}`);
}

/** A correct hello-server solution. */
export const correct = `require('node:http').createServer((req: any, res: any) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
}).listen(3000);`;

/** Candidate code that first runs `attempts` (JavaScript that pushes lines to \`tried\`), prints them, then serves correctly. */
export function afterAttempts(attempts: string): string {
  return `const tried: string[] = [];
const outcome = (what: string, run: () => unknown) => {
  try { tried.push(what + ' => ok ' + String(run()).slice(0, 200)); } catch (e: any) { tried.push(what + ' => ' + (e.code ?? e.message)); }
};
const settle = async (what: string, run: () => Promise<unknown>) => {
  try { tried.push(what + ' => ok ' + String(await run()).slice(0, 200)); } catch (e: any) { tried.push(what + ' => ' + (e.code ?? e.message)); }
};
(async () => {
${attempts}
})().finally(() => {
  console.log(tried.join('\\n'));
  ${correct}
});
`;
}

/** The lines a candidate built with afterAttempts() reported, as "what => outcome". */
export function attempts(result: RunResult): Map<string, string> {
  const lines = result.logs.stdout.split('\n').filter((l) => l.includes(' => '));
  return new Map(lines.map((l) => [l.slice(0, l.indexOf(' => ')), l.slice(l.indexOf(' => ') + 4)]));
}

/** Every attempt failed, with one of `codes`. */
export function assertAllRefused(result: RunResult, codes: RegExp): void {
  const seen = attempts(result);
  assert.ok(seen.size > 0, `the candidate reported nothing:\n${result.logs.stdout}\n${result.logs.stderr}`);
  for (const [what, outcome] of seen) assert.match(outcome, codes, `${what} was not refused: ${outcome}`);
}

export async function timedRun(code: string, options: Partial<RunJob> = {}, kata = 'hello-server'): Promise<{ result: RunResult; ms: number }> {
  const started = performance.now();
  const result = await runCode(kata, code, options);
  return { result, ms: performance.now() - started };
}

/** SIGKILL's bit in /proc/<pid>/status signal masks, and the kernel's flag for a task that is exiting. */
const SIGKILL_BIT = 1n << 8n;
const PF_EXITING = 0x4;

/**
 * Marked processes that could still run code: not yet killed. One that is a zombie, is being
 * torn down by the kernel or has SIGKILL pending never runs another instruction of its own.
 */
export function processesStillRunning(marker: string): number[] {
  return processesMarked(marker).filter((pid) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , , , , , flags] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X' || (Number(flags) & PF_EXITING) !== 0) return false;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const pending = ['SigPnd', 'ShdPnd'].map((name) => BigInt(`0x${new RegExp(`^${name}:\\s*([0-9a-f]+)`, 'm').exec(status)?.[1] ?? '0'}`));
      return pending.every((mask) => (mask & SIGKILL_BIT) === 0n);
    } catch {
      return false; // gone meanwhile
    }
  });
}

/** Pids of host processes whose command line holds `marker` (a candidate sets it as its process.title). */
export function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Waits up to `ms` for every marked process to be gone (the kernel may take a moment to tear a jail down). */
export async function waitUntilGone(marker: string, ms: number): Promise<void> {
  for (let waited = 0; processesMarked(marker).length > 0 && waited < ms; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Listeners on the host that count whoever reaches them: TCP on loopback and on every address, UDP, an abstract unix socket. */
export async function hostListeners(): Promise<{ tcp: number; any: number; udp: number; unix: string; addresses: string[]; reached(): number; close(): void }> {
  let reached = 0;
  const count = () => void reached++;
  const listen = (server: net.Server, options: net.ListenOptions) => new Promise<void>((resolve) => server.listen(options, resolve));
  const loopback = net.createServer((s) => (count(), s.destroy()));
  const everywhere = net.createServer((s) => (count(), s.destroy()));
  const abstract = net.createServer((s) => (count(), s.destroy()));
  const unix = `\0katabox-test-${crypto.randomBytes(6).toString('hex')}`;
  await Promise.all([listen(loopback, { host: '127.0.0.1', port: 0 }), listen(everywhere, { host: '::', port: 0 }), listen(abstract, { path: unix })]);
  const udp = dgram.createSocket('udp4').on('message', count);
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const addresses = Object.values(os.networkInterfaces()).flat().map((i) => i!.address);
  return {
    tcp: (loopback.address() as net.AddressInfo).port,
    any: (everywhere.address() as net.AddressInfo).port,
    udp: udp.address().port,
    unix,
    addresses,
    reached: () => reached,
    close() {
      for (const server of [loopback, everywhere, abstract]) server.close();
      udp.close();
    },
  };
}

export async function assertStillScores100(): Promise<void> {
  const result = await runCode('hello-server', correct);
  assert.equal(result.status, 'passed', result.message);
  assert.equal(result.score, 100);
}

/** A kata whose author is hostile: these probes; returns its slug. */
export function kataWithProbes(probes: string): string {
  return madeUpKata(probes);
}
