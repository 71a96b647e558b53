// Verdict latency and throughput: the bare baselines (spawn node on the compiled reference, wait
// for it to listen, send 3 requests, kill it; with this machine's environment and with an empty
// one) against the runner cold (no jails started ahead), the runner warm, and the full web API
// path (Run; Submit with ?wait=true; the time from a 202 to the first probe event), for
// hello-server's reference solution (every kata's with --all) at concurrency 1, 2, 4 and 8
// (1 and 8 with --quick); then the memory of an idle `katabox serve`.
// Usage: npm run bench:speed [-- --quick] [-- --all]
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { transpile } from '../sandbox/compile/transpile.js';
import { benchLearner, firstProbeMs, run, startApiBench, submit } from './api-client.js';
import { defaultLimits, installedBundles, loadCatalog, RunPool, type Kata } from '../sandbox/index.js';
import { ISOLATE_MEMORY_MB } from '../sandbox/probe/session.js';
import { serverMemory, type ServerMemory } from './idle-memory.js';
import { markdownTable, peakRss, percentile } from './measure.js';

interface Cell {
  row: string;
  kata: string;
  concurrency: number;
  latencies: number[];
  seconds: number;
  peakMb: number;
  failures: string[];
}

const quick = process.argv.includes('--quick');
const concurrencies = quick ? [1, 8] : [1, 2, 4, 8];
/** hello-server, the kata the goals name; every kata with --all (long: a few minutes per kata). */
const katas = loadCatalog().katas.filter((k) => process.argv.includes('--all') || k.meta.slug === 'hello-server');
const runsPerCell = (c: number) => Math.max(quick ? 12 : 20, 3 * c);

function get(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The baseline: what merely starting the candidate's server costs, without any isolation or
 * probes. `bare` spawns Node as anyone on this machine would, with the environment this
 * benchmark was started with; `bare-clean` with an empty one, as the jail does.
 */
async function bareRun(file: string, env: NodeJS.ProcessEnv): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, [file], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', () => reject(new Error('the server exited before listening')));
  });
  for (let i = 0; i < 3; i++) await get(port);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** A person cannot submit faster than this; the latency pass leaves it between a client's runs. */
const PAUSE_MS = 200;

/**
 * Two passes with `concurrency` clients: a paced one for latency (each client pauses PAUSE_MS
 * between its runs, as learners do) and a back-to-back one for sustained throughput.
 */
async function measure(row: string, kata: Kata, concurrency: number, once: (worker: number) => Promise<string | undefined>): Promise<Cell> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const total = runsPerCell(concurrency);
  const memory = peakRss();
  const pass = async (paced: boolean) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        while (next < total) {
          next++;
          const t = performance.now();
          const failure = await once(worker).catch((err: Error) => err.message);
          if (paced) latencies.push(performance.now() - t);
          if (failure) failures.push(failure);
          if (paced) await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
        }
      }),
    );
  };
  await pass(true);
  const started = performance.now();
  await pass(false);
  return { row, kata: kata.meta.slug, concurrency, latencies, seconds: (performance.now() - started) / 1000, peakMb: memory.stop(), failures };
}

async function runnerCells(row: string, kata: Kata, concurrency: number, prestart: boolean): Promise<Cell> {
  const pool = new RunPool({ bundles: installedBundles([kata]), concurrency, prestart, queueLimit: 1000 });
  const code = fs.readFileSync(kata.solutionFile, 'utf8');
  const once = async () => {
    const result = await pool.run({ kata: kata.meta.slug, version: kata.meta.version, code, mode: 'submit', seed: crypto.randomInt(0, 2 ** 32) });
    return result.status === 'passed' ? undefined : `${result.status}: ${result.message}`;
  };
  try {
    // Start the runner host (and its ready jails) before timing anything.
    await Promise.all(Array.from({ length: concurrency }, once));
    await new Promise((resolve) => setTimeout(resolve, 300));
    return await measure(row, kata, concurrency, once);
  } finally {
    await pool.close();
  }
}

/** The web API on one server: Run, and Submit with ?wait=true; at concurrency 1 also the time from the 202 to the first probe event. */
async function apiCells(kata: Kata, concurrency: number): Promise<{ cells: Cell[]; firstProbe?: number[] }> {
  const bench = await startApiBench(concurrency);
  const code = fs.readFileSync(kata.solutionFile, 'utf8');
  try {
    const learners = await Promise.all(Array.from({ length: concurrency }, () => benchLearner(bench)));
    await Promise.all(learners.map((learner) => submit(learner, kata.meta.slug, code)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cells = [
      await measure('api-run', kata, concurrency, (worker) => run(learners[worker]!, kata.meta.slug, code)),
      await measure('api-submit', kata, concurrency, (worker) => submit(learners[worker]!, kata.meta.slug, code)),
    ];
    if (concurrency !== 1) return { cells };
    const firstProbe: number[] = [];
    for (let i = 0; i < runsPerCell(1); i++) {
      firstProbe.push(await firstProbeMs(learners[0]!, kata.meta.slug, code));
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    return { cells, firstProbe };
  } finally {
    await bench.close();
  }
}

const runsOf = (c: Cell) => runsPerCell(c.concurrency);

function table(cells: Cell[]): string {
  const baseline = (row: string) => new Map(cells.filter((c) => c.row === row).map((c) => [`${c.kata}/${c.concurrency}`, c]));
  const bare = baseline('bare');
  const clean = baseline('bare-clean');
  const header = ['row', 'kata', 'conc', 'median ms', 'p95 ms', 'verdicts/s', 'peak RSS MB', 'median ratio', 'p95 ratio', 'throughput ratio', 'median ratio (clean env)', 'throughput ratio (clean env)', 'errors'];
  const stats = (c: Cell) => {
    const sorted = [...c.latencies].sort((a, b) => a - b);
    return { median: percentile(sorted, 50), p95: percentile(sorted, 95), rate: runsOf(c) / c.seconds };
  };
  const rows = cells.map((c) => {
    const own = stats(c);
    const base = stats(bare.get(`${c.kata}/${c.concurrency}`)!);
    const cleanBase = stats(clean.get(`${c.kata}/${c.concurrency}`)!);
    return [c.row, c.kata, String(c.concurrency), own.median.toFixed(1), own.p95.toFixed(1), own.rate.toFixed(1), c.peakMb.toFixed(0),
      (own.median / base.median).toFixed(2), (own.p95 / base.median).toFixed(2), (own.rate / base.rate).toFixed(2),
      (own.median / cleanBase.median).toFixed(2), (own.rate / cleanBase.rate).toFixed(2), String(c.failures.length)];
  });
  return markdownTable(header, rows, 2);
}

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-bench-'));
  const cells: Cell[] = [];
  const firstProbes = new Map<string, number[]>();
  console.log(`Katabox speed benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores`);
  for (const kata of katas) {
    const file = path.join(tmp, `${kata.meta.slug}.cjs`);
    fs.writeFileSync(file, (await transpile(fs.readFileSync(kata.solutionFile, 'utf8'))).js);
    for (const c of concurrencies) {
      cells.push(await measure('bare', kata, c, () => bareRun(file, process.env).then(() => undefined)));
      cells.push(await measure('bare-clean', kata, c, () => bareRun(file, {}).then(() => undefined)));
      cells.push(await runnerCells('cold', kata, c, false));
      cells.push(await runnerCells('warm', kata, c, true));
      const api = await apiCells(kata, c);
      cells.push(...api.cells);
      if (api.firstProbe) firstProbes.set(kata.meta.slug, api.firstProbe);
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  fs.rmSync(tmp, { recursive: true, force: true });

  const memory = await serverMemory();

  console.log(table(cells));
  for (const [slug, times] of firstProbes) {
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`\n${slug}: from the 202 to the first probe event, concurrency 1: median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms (${sorted.length} submissions).`);
  }
  const nodeVars = Object.keys(process.env).filter((k) => k.startsWith('NODE_'));
  console.log(`\nbare: Node spawned with this benchmark's environment (${nodeVars.length > 0 ? `it sets ${nodeVars.join(', ')}` : 'no NODE_* variable set'}); bare-clean: with an empty environment, as the jail gets.`);
  console.log(`median and p95: paced clients (${PAUSE_MS} ms between a client's runs); verdicts/s: the same clients back to back. Ratios are against the bare row (or bare-clean) of the same kata and concurrency; the p95 ratio is p95 over the bare median.`);
  const describe = (m: ServerMemory) => `${m.totalMb.toFixed(0)} MB resident = server ${m.serverMb.toFixed(0)} + runner host ${m.hostMb.toFixed(0)}${m.checkerMb > 0 ? ` + type checker ${m.checkerMb.toFixed(0)}` : ''} + ${m.jailMb.length} ready jails (${m.jailMb.map((mb) => mb.toFixed(0)).join(' + ')})`;
  console.log(`\nkatabox serve on its defaults, idle: ${describe(memory.idle)}.`);
  console.log(`After a first submission (the type checker, a process of its own, starts; it stops after ten idle minutes): ${describe(memory.afterSubmit)}.`);
  const jailMb = memory.idle.jailMb.reduce((a, b) => a + b, 0) / Math.max(1, memory.idle.jailMb.length);
  console.log(`Per run: one jail (about ${jailMb.toFixed(0)} MB when it starts, at most its ${defaultLimits.memoryMb} MB cap) and one probe Isolate in the runner host (at most ${ISOLATE_MEMORY_MB} MB).`);
  const failures = cells.flatMap((c) => c.failures.map((f) => `${c.row} ${c.kata} c=${c.concurrency}: ${f}`));
  if (failures.length > 0) {
    console.log(`\n${failures.length} verdict(s) were not 'passed':\n${[...new Set(failures)].slice(0, 20).join('\n')}`);
    return 1;
  }
  console.log('\nEvery verdict was passed.');
  return 0;
}

process.exitCode = await main();
