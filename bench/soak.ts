// A bounded soak: 4 honest learners Run a correct solution, paced as people are, first on an idle
// server, then while one client sends type-check bombs and output floods and another invents
// identities. Their Run median under attack should stay within 1.5x of the idle one; the bench
// prints both, and what the attackers were answered.
// Usage: npm run bench:soak [-- --runs N]
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../sandbox/index.js';
import { helloTypeBomb } from '../test/api/solutions.js';
import { learnerWithCookie, startTestServer, type Learner } from '../test/api/server.js';
import { markdownTable, median, percentile } from './measure.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '12' } } });
/** Runs per honest learner and phase: both phases fit the server's allowance of 30 Runs a minute. */
const runs = Math.min(15, Number(values.runs));
const HONEST = 4;
/** Between one learner's Runs: the pace of their allowance (30 a minute), faster than people work. */
const PAUSE_MS = 2000;
/** The attack stops by itself after this long, whatever happens. */
const ATTACK_LIMIT_MS = 120_000;
const correct = fs.readFileSync(loadCatalog().katas.find((k) => k.meta.slug === 'hello-server')!.solutionFile, 'utf8');
/** Prints as much as the output cap lets it, then serves. */
const flood = `process.stdout.write('x'.repeat(4 * 1024 * 1024));\n${correct}`;

async function honestRuns(learners: Learner[]): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    learners.map(async (learner) => {
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        // A learner told "busy" waits as Retry-After says and tries again: that wait is theirs too.
        let res = await learner.post('/api/katas/hello-server/run', { code: correct });
        for (let tries = 0; res.status === 503 && tries < 10; tries++) {
          await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? 1) * 1000));
          res = await learner.post('/api/katas/hello-server/run', { code: correct });
        }
        if (res.status !== 200 || res.body.status !== 'passed') throw new Error(`an honest Run got HTTP ${res.status}: ${res.text.slice(0, 200)}`);
        times.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

/** Sends `request` again and again until `stop`, waiting as Retry-After says; counts the answers by status. */
async function attack(stop: { done: boolean }, counts: Map<string, number>, what: string, request: () => Promise<{ status: number; headers: Headers }>): Promise<void> {
  const until = Date.now() + ATTACK_LIMIT_MS;
  while (!stop.done && Date.now() < until) {
    const res = await request();
    const key = `${what} ${res.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const retry = Number(res.headers.get('retry-after') ?? 0);
    await new Promise((resolve) => setTimeout(resolve, retry > 0 ? Math.min(retry * 1000, 2000) : 50));
  }
}

async function main(): Promise<void> {
  // The server's own limits, as `katabox serve` has them.
  const server = await startTestServer({ rateLimits: { identity: { max: 30, windowMs: 10 * 60_000 } } });
  try {
    console.log(`Katabox soak — ${HONEST} honest learners, ${runs} Runs each, Node ${process.version}, ${os.cpus().length} cores`);
    const learners = await Promise.all(Array.from({ length: HONEST }, () => learnerWithCookie(server.url)));
    const [bomber, flooder, warmer] = await Promise.all([learnerWithCookie(server.url), learnerWithCookie(server.url), learnerWithCookie(server.url)]);
    // Warms the runner; a learner of its own, so the honest ones keep their whole allowance of Runs.
    for (let i = 0; i < 3; i++) await warmer.post('/api/katas/hello-server/run', { code: correct });
    const idle = await honestRuns(learners);

    const stop = { done: false };
    const counts = new Map<string, number>();
    const attackers = [
      attack(stop, counts, 'bomb submit', () => bomber.post('/api/katas/hello-server/submissions', { code: helloTypeBomb })),
      attack(stop, counts, 'flood run', () => flooder.post('/api/katas/hello-server/run', { code: flood })),
      attack(stop, counts, 'invented id', async () => {
        const res = await fetch(`${server.url}/api/katas/hello-server/draft`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', cookie: `katabox_learner=${crypto.randomBytes(32).toString('base64url')}` },
          body: JSON.stringify({ code: 'x'.repeat(100_000) }),
        });
        await res.arrayBuffer();
        return res;
      }),
    ];
    const underAttack = await honestRuns(learners);
    stop.done = true;
    await Promise.all(attackers);

    const row = (label: string, t: number[]) => [label, median(t).toFixed(1), percentile(t, 95).toFixed(1), (median(t) / median(idle)).toFixed(2)];
    console.log(markdownTable(['honest Runs', 'median ms', 'p95 ms', 'median ratio to idle'], [row('idle server', idle), row('under attack', underAttack)], 1));
    console.log(`\nGoal: median under attack within 1.5x of idle: ${median(underAttack) / median(idle) <= 1.5 ? 'met' : 'NOT met'}.`);
    console.log(`What the attackers were answered: ${[...counts].map(([k, n]) => `${k}: ${n}`).join(', ')}.`);
  } finally {
    await server.close();
  }
}

await main();
