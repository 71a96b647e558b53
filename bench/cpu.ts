// Where a verdict's CPU goes: `katabox serve` on its defaults, driven through the web API by 8
// clients back to back, with the CPU time of each part read from /proc before and after: the
// web server, its type checker (a process of its own, for submissions), the runner host
// (probes, Isolates, bridge), and the jails it starts (the jailed Node and the isolation
// programs before it). The bare-clean baseline beside it: Node spawned with an empty
// environment, listen, 3 requests, kill.
// Usage: npm run bench:cpu [-- --verdicts N]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { transpile } from '../sandbox/compile/transpile.js';
import { loadCatalog } from '../sandbox/index.js';
import { cpuTimes } from '../sandbox/process-table.js';
import { Learner } from '../test/api/server.js';
import { serveKatabox } from './katabox-serve.js';
import { markdownTable, processTree } from './measure.js';

const { values } = parseArgs({ options: { verdicts: { type: 'string', default: '40' } } });
/** Within the server's own allowance for 8 learners: 10 submissions each a minute. */
const verdicts = Math.min(80, Number(values.verdicts));
const CONCURRENCY = 8;
const kata = loadCatalog().katas.find((k) => k.meta.slug === 'hello-server')!;
const code = fs.readFileSync(kata.solutionFile, 'utf8');

/** CPU ms of a live process itself, and of its waited-for descendants. */
const cpu = (pid: number) => cpuTimes(pid)!;

/**
 * CPU ms of every run's control group so far (the jailed processes), cumulative in the parent
 * group; undefined where runs get no cgroup.
 */
function cgroupCpu(): number | undefined {
  const v1 = '/sys/fs/cgroup/cpuacct/katabox/cpuacct.usage';
  if (fs.existsSync(v1)) return Number(fs.readFileSync(v1, 'utf8')) / 1e6;
  const v2 = '/sys/fs/cgroup/katabox/cpu.stat';
  if (fs.existsSync(v2)) return Number(/^usage_usec (\d+)/m.exec(fs.readFileSync(v2, 'utf8'))?.[1]) / 1e3;
  return undefined;
}

interface Split {
  server: number;
  checker: number;
  host: number;
  /** Jailed processes, from their cgroups. */
  jailed: number | undefined;
  /** What the host reaped: bwrap and the isolation programs (and the jails' processes, where they are reaped through them). */
  reaped: number;
}

async function serverCpu(what: 'run' | 'submit'): Promise<Split> {
  const server = await serveKatabox();
  try {
    const learners = await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      const learner = new Learner(server.url);
      await learner.get('/api/katas');
      return learner;
    }));
    const once = async (learner: Learner) => {
      const res = what === 'run' ? await learner.post('/api/katas/hello-server/run', { code }) : await learner.post('/api/katas/hello-server/submissions?wait=true', { code });
      if (res.body?.status !== 'passed') throw new Error(`${what}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
    };
    // Warm: the runner host, its ready jails and (for submissions) the type checker.
    await Promise.all(learners.map(once));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const children = processTree(server.pid).filter((p) => p.parent === server.pid);
    const host = children.find((p) => p.args.includes('host/main.js'))!;
    const checker = children.find((p) => p.args.includes('typecheck-worker.js'));
    const checkerCpu = () => (checker ? cpu(checker.pid).own : 0);
    const before = { server: cpu(server.pid), host: cpu(host.pid), jailed: cgroupCpu(), checker: checkerCpu() };
    let left = verdicts;
    await Promise.all(learners.map(async (learner) => {
      while (left-- > 0) await once(learner);
    }));
    // Jails still being torn down are counted once the host has reaped them; type checks that
    // yielded to the runs are counted once the checker has caught up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let last = -1, waited = 0; checkerCpu() !== last && waited < 20_000; waited += 500) {
      last = checkerCpu();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const after = { server: cpu(server.pid), host: cpu(host.pid), jailed: cgroupCpu(), checker: checkerCpu() };
    return {
      server: (after.server.own - before.server.own) / verdicts,
      checker: (after.checker - before.checker) / verdicts,
      host: (after.host.own - before.host.own) / verdicts,
      jailed: after.jailed === undefined || before.jailed === undefined ? undefined : (after.jailed - before.jailed) / verdicts,
      reaped: (after.host.children - before.host.children) / verdicts,
    };
  } finally {
    await server.stop();
  }
}

function get(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
}

async function bareCleanCpu(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-cpu-'));
  const file = path.join(dir, 'solution.cjs');
  fs.writeFileSync(file, (await transpile(code)).js);
  try {
    const before = cpu(process.pid).children;
    for (let i = 0; i < verdicts; i++) {
      const port = await new Promise<number>((resolve) => {
        const probe = net.createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = probe.address() as net.AddressInfo;
          probe.close(() => resolve(free));
        });
      });
      const child = spawn(process.execPath, [file], { env: { PORT: String(port) }, stdio: ['ignore', 'pipe', 'ignore'] });
      await new Promise((resolve) => child.stdout.once('data', resolve));
      for (let r = 0; r < 3; r++) await get(port);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    return (cpu(process.pid).children - before) / verdicts;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`Katabox CPU per verdict — hello-server's reference, ${verdicts} verdicts at concurrency ${CONCURRENCY} through the web API, Node ${process.version}, ${os.cpus().length} cores`);
const run = await serverCpu('run');
const submit = await serverCpu('submit');
const bare = await bareCleanCpu();
/**
 * The isolation programs join the run's cgroup first thing (sh writes its own pid there, then
 * execs prlimit, setpriv and bwrap), so the cgroup counts their CPU as well as the jailed Node's:
 * the Node's share is the cgroup's less what the host reaped, and the total counts each once.
 */
const row = (label: string, c: Split) => {
  const node = c.jailed === undefined ? undefined : Math.max(0, c.jailed - c.reaped);
  const total = c.server + c.checker + c.host + (node ?? 0) + c.reaped;
  return [label, c.server.toFixed(1), c.checker.toFixed(1), c.host.toFixed(1), node === undefined ? 'n/a' : node.toFixed(1), c.reaped.toFixed(1), total.toFixed(1), (total / bare).toFixed(2)];
};
console.log(markdownTable(['path', 'web server ms', 'type checker ms', 'runner host ms', 'jailed Node ms', 'isolation programs ms', 'total ms', 'ratio to bare-clean'], [
  row('Run (3 sample probes)', run),
  row('Submit ?wait=true (every probe, stored, type-checked)', submit),
  ['bare-clean (spawn, listen, 3 requests, kill)', '—', '—', '—', '—', bare.toFixed(1), bare.toFixed(1), '1.00'],
], 1));
console.log('\nweb server: the Fastify process and SQLite; type checker: its checks, as many as ran (a learner\'s check still waiting is replaced by their newer one); runner host: probe Isolates, the bridge, esbuild;');
console.log("isolation programs: what the runner host reaped (sh, prlimit, setpriv, bwrap); jailed Node: what the runs' control groups counted, less those programs, which run in them too.");
