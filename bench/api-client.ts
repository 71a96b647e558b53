// The web API path for the speed benchmark: the test suite's real server (a real port, a
// temporary SQLite file, the real runner) in its own process, and learners who each submit and
// wait for their verdict.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { learnerWithCookie, type Learner } from '../test/api/server.js';

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

const serverScript = fileURLToPath(new URL('./api-server.js', import.meta.url));

export async function startApiBench(concurrency: number): Promise<ApiServer> {
  const child = spawn(process.execPath, [serverScript, String(concurrency)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let said = '';
    child.stdout.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('\n')) resolve(said.trim());
    });
    void exited.then(() => reject(new Error('the benchmark\'s server exited before serving')));
  });
  return {
    url,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

/** A new learner (cookie) per benchmark client, so rate limits count each one alone. */
export const benchLearner = (server: ApiServer): Promise<Learner> => learnerWithCookie(server.url);

/** Submits and waits for the verdict; returns a problem, or undefined when it passed. */
export async function submit(learner: Learner, slug: string, code: string): Promise<string | undefined> {
  const res = await learner.post(`/api/katas/${slug}/submissions?wait=true`, { code });
  if (res.status !== 201) return `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
  return res.body.status === 'passed' ? undefined : `${res.body.status}: ${res.body.result?.message}`;
}

/** Run (sample probes, nothing stored); returns a problem, or undefined when it passed. */
export async function run(learner: Learner, slug: string, code: string): Promise<string | undefined> {
  const res = await learner.post(`/api/katas/${slug}/run`, { code });
  if (res.status !== 200) return `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
  return res.body.status === 'passed' ? undefined : `${res.body.status}: ${res.body.message}`;
}

/** Submits without waiting and follows the events: ms from the 202 to the first probe event, once the stream has ended. */
export async function firstProbeMs(learner: Learner, slug: string, code: string): Promise<number> {
  const res = await learner.post(`/api/katas/${slug}/submissions`, { code });
  if (res.status !== 202) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
  const accepted = performance.now();
  let first: number | undefined;
  await learner.events(`/api/submissions/${res.body.id}/events`, { onEvent: (e) => void (e.event === 'probe' && (first ??= performance.now())) });
  if (first === undefined) throw new Error('no probe event came');
  return first - accepted;
}
