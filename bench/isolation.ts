// What isolation costs: the verdict time of hello-server's reference solution with every layer
// this host offers against the same run with isolation off, side by side in one process.
// Both start the candidate cold (runs with isolation off never use a ready jail), taking turns so
// that drift hits both alike; a third row shows what production serves: ready jails.
// Usage: npm run bench:isolation [-- --runs N]
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { detectCapabilities, installedBundles, loadCatalog, RunPool, type IsolationMode } from '../sandbox/index.js';
import { markdownTable, median, percentile } from './measure.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Number(values.runs);
const kata = loadCatalog().katas.find((k) => k.meta.slug === 'hello-server')!;
const bundles = installedBundles([kata]);
const code = fs.readFileSync(kata.solutionFile, 'utf8');

async function verdictMs(pool: RunPool, isolation: IsolationMode): Promise<number> {
  const started = performance.now();
  const result = await pool.run({ kata: kata.meta.slug, version: kata.meta.version, code, mode: 'submit', seed: 1, isolation });
  if (result.status !== 'passed') throw new Error(`isolation ${isolation}: ${result.status}: ${result.message}`);
  return performance.now() - started;
}

function row(label: string, times: number[], base: number[]): string[] {
  const sorted = [...times].sort((a, b) => a - b);
  return [label, median(sorted).toFixed(1), percentile(sorted, 95).toFixed(1), (median(sorted) / median(base)).toFixed(2)];
}

function table(rows: string[][]): string {
  return markdownTable(['run', 'median ms', 'p95 ms', 'median ratio to off'], rows, 1);
}

const caps = detectCapabilities();
console.log(`Katabox isolation cost — hello-server reference, ${runs} verdicts each, Node ${process.version}, ${os.cpus().length} cores`);
console.log(`Layers on: ${caps.layers.filter((l) => l.active).map((l) => l.name).join(', ')}`);
if (!caps.bwrap) console.log('Namespaces are off on this host, so "full" below is only partial isolation (see katabox doctor).');

const full: number[] = [];
const off: number[] = [];
const warm: number[] = [];
const cold = new RunPool({ bundles, concurrency: 1, prestart: false });
try {
  // The first verdicts start the runner host and load esbuild and isolated-vm: not measured.
  for (let i = 0; i < 3; i++) for (const mode of ['auto', 'off'] as const) await verdictMs(cold, mode);
  for (let i = 0; i < runs; i++) {
    const turns: IsolationMode[] = i % 2 === 0 ? ['auto', 'off'] : ['off', 'auto'];
    for (const mode of turns) (mode === 'auto' ? full : off).push(await verdictMs(cold, mode));
  }
} finally {
  await cold.close();
}
const ready = new RunPool({ bundles, concurrency: 1 });
try {
  for (let i = 0; i < 3; i++) await verdictMs(ready, 'auto');
  // Give the jail for the next verdict the time a real user's pause between two runs gives it.
  for (let i = 0; i < runs; i++) {
    warm.push(await verdictMs(ready, 'auto'));
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
} finally {
  await ready.close();
}
console.log(table([row('isolation off (cold start)', off, off), row('full isolation (cold start)', full, off), row('full isolation (ready jail)', warm, off)]));
console.log(`\nIsolation costs ${(median(full) - median(off)).toFixed(1)} ms per verdict at the median when both start cold.`);
