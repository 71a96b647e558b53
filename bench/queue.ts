// What the run queue costs and buys: Submit (`?wait=true`, the stored verdict) of hello-server's
// reference through a real web server at concurrency 8, with the in-process runner and through the
// queue (a real Redis) with 1 and with 2 `katabox runner` workers (each as many runs at once as
// the machine has cores); then, at concurrency 1, the latency the queue adds to one verdict.
// Usage: npm run bench:queue [-- --quick]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../test/api/server.js';
import { kataDir } from '../test/support/runs.js';
import { startRunner, type KataboxProcess } from '../test/support/processes.js';
import { TestRedis } from '../test/support/redis.js';
import { benchLearner, submit } from './api-client.js';
import { markdownTable, median, percentile } from './measure.js';

const quick = process.argv.includes('--quick');
const cores = os.availableParallelism();
const code = fs.readFileSync(path.join(kataDir('hello-server'), 'solution.ts'), 'utf8');
const many = { max: 1_000_000, windowMs: 60_000 };

interface Figures {
  verdictsPerSecond: number;
  latencies: number[];
  failures: string[];
}

/** `count` submissions by `concurrency` clients back to back. */
async function measure(server: TestServer, concurrency: number, count: number): Promise<Figures> {
  const learners = await Promise.all(Array.from({ length: concurrency }, () => benchLearner(server)));
  // One each first: the runners' jails, the store, the queue's connections all warm.
  await Promise.all(learners.map((l) => submit(l, 'hello-server', code)));
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    learners.map(async (learner) => {
      while (next++ < count) {
        const t = performance.now();
        const problem = await submit(learner, 'hello-server', code);
        latencies.push(performance.now() - t);
        if (problem) failures.push(problem);
      }
    }),
  );
  return { verdictsPerSecond: count / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b), failures };
}

interface Setup {
  row: string;
  workers: number;
  slots: number;
  start(): Promise<{ server: TestServer; stop(): Promise<void> }>;
}

async function main(): Promise<void> {
  const redis = await TestRedis.start();
  const inProcess: Setup = {
    row: 'in-process runner',
    workers: 0,
    slots: cores,
    async start() {
      const server = await startTestServer({ rateLimits: { run: many, submit: many }, runner: { queueLimit: 1000 } });
      return { server, stop: () => server.close() };
    },
  };
  const queued = (workers: number): Setup => ({
    row: `queue, ${workers} runner worker${workers === 1 ? '' : 's'}`,
    workers,
    slots: workers * cores,
    async start() {
      await redis.restart();
      const server = await startTestServer({ queue: redis.url, rateLimits: { run: many, submit: many } });
      const runners: KataboxProcess[] = [];
      for (let i = 0; i < workers; i++) runners.push(await startRunner({ db: server.db, queue: redis.url, concurrency: cores, lockMs: 30_000 }));
      // Both web process and workers see each other before the first submission.
      for (let i = 0; i < 50; i++) {
        const health = (await (await fetch(`${server.url}/api/health`)).json()) as { runner: { workers?: number } };
        if (health.runner.workers === workers) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return {
        server,
        async stop() {
          await server.close();
          await Promise.all(runners.map((r) => r.stop()));
        },
      };
    },
  });
  const setups = [inProcess, queued(1), queued(2)];
  const count8 = quick ? 40 : 120;
  const count1 = quick ? 12 : 30;
  const rows: string[][] = [];
  const latency1 = new Map<string, number[]>();
  const problems: string[] = [];
  for (const setup of setups) {
    const { server, stop } = await setup.start();
    try {
      const at8 = await measure(server, 8, count8);
      rows.push([setup.row, String(setup.workers), String(setup.slots), '8', at8.verdictsPerSecond.toFixed(1), (at8.verdictsPerSecond / cores).toFixed(1), median(at8.latencies).toFixed(1), percentile(at8.latencies, 95).toFixed(1)]);
      const at1 = await measure(server, 1, count1);
      latency1.set(setup.row, at1.latencies);
      rows.push([setup.row, String(setup.workers), String(setup.slots), '1', at1.verdictsPerSecond.toFixed(1), (at1.verdictsPerSecond / cores).toFixed(1), median(at1.latencies).toFixed(1), percentile(at1.latencies, 95).toFixed(1)]);
      problems.push(...[...at8.failures, ...at1.failures].map((f) => `${setup.row}: ${f}`));
    } finally {
      await stop();
    }
  }
  await redis.stop();
  console.log(`Submit ?wait=true of hello-server's reference, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${cores}, Node ${process.version}; ${count8} verdicts at concurrency 8, ${count1} at 1`);
  console.log(markdownTable(['runner', 'workers', 'runs at once', 'conc', 'verdicts/s', 'verdicts/s per core', 'median ms', 'p95 ms'], rows, 1));
  const local = median(latency1.get(inProcess.row)!);
  const viaQueue = median(latency1.get(setups[1]!.row)!);
  console.log(`\nAt concurrency 1 the queue adds ${(viaQueue - local).toFixed(1)} ms to a verdict's median (${local.toFixed(1)} ms in-process, ${viaQueue.toFixed(1)} ms through the queue with 1 worker).`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} verdict(s) did not pass:\n${problems.slice(0, 10).join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
