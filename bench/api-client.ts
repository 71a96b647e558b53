// The web API path for the speed benchmark: the test suite's real server (a real port, a
// temporary SQLite file, the real runner) and learners who each submit and wait for their verdict.
import { learnerWithCookie, startTestServer, type Learner, type TestServer } from '../test/api/server.js';

export async function startApiBench(concurrency: number): Promise<TestServer> {
  const many = { max: 1_000_000, windowMs: 60_000 };
  return startTestServer({ runner: { concurrency, queueLimit: 1000 }, rateLimits: { run: many, submit: many } });
}

/** A new learner (cookie) per benchmark client, so rate limits count each one alone. */
export const benchLearner = (server: TestServer): Promise<Learner> => learnerWithCookie(server.url);

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
