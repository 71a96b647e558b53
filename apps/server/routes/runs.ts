// Run (sample probes, nothing stored), Send (the learner's own request to their server, nothing
// stored) and Submit (all probes, stored). All start real work, so all are rate-limited per
// learner, Run and Send in one allowance; when every run slot is busy the answer is 503 + Retry-After.
import { CodeBody, KataParams, RequestBody, RequestResult, RunResult, Submission, SubmitQuery } from '../../contract/index.js';
import { requestProblem } from '../../../sandbox/index.js';
import { HttpError } from '../errors.js';
import { runningPractice } from '../practice.js';
import { submissionQuota } from '../quotas.js';
import { randomSeed } from '../submitter.js';
import { learnerSubmission, learnerView } from '../views.js';
import { errorResponses, rateLimited, requireKata, type App, type RouteContext } from './context.js';

/** The request's first problem as a 400, before any work starts. */
export function checkRequest(body: RequestBody): void {
  const problem = requestProblem(body.request);
  if (problem) throw new HttpError(400, 'bad_request', `The request cannot be sent: ${problem}.`);
}

export async function runRoutes(app: App, { runner, katas, submitter, rateLimits, store, quotas }: RouteContext): Promise<void> {
  const runs = rateLimited(rateLimits.run);
  app.post('/api/katas/:slug/run', {
    ...runs,
    schema: {
      operationId: 'runSamples',
      summary: 'Run the sample probes against the code; the verdict is returned, not stored',
      params: KataParams,
      body: CodeBody,
      response: { 200: RunResult, ...errorResponses(400, 404, 413, 429, 503) },
    },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    return learnerView(await runner.run({ kata: kata.meta.slug, version: kata.meta.version, code: request.body.code, mode: 'run', seed: randomSeed(), key: request.learner }));
  });

  app.post('/api/katas/:slug/request', {
    ...runs,
    schema: {
      operationId: 'sendRequest',
      summary: "Start the code's server as Run does and send it this one request; the raw response is returned, nothing is stored",
      description: 'No probe runs. The request goes to the server started from this code and nowhere else; it counts as a run.',
      params: KataParams,
      body: RequestBody,
      response: { 200: RequestResult, ...errorResponses(400, 404, 413, 429, 503) },
    },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    checkRequest(request.body);
    return runner.send({ kata: kata.meta.slug, version: kata.meta.version, code: request.body.code, request: request.body.request, key: request.learner });
  });

  app.post('/api/katas/:slug/submissions', {
    ...rateLimited(rateLimits.submit),
    schema: {
      operationId: 'submitSolution',
      summary: 'Submit: stored as queued and answered 202 at once (watch its events); with ?wait=true, 201 with the stored verdict',
      description: "Every probe runs; the learner sees hidden ones as name and pass/fail only. While the kata's practice timer runs, the submission records the seconds since it started, by the server's clock.",
      params: KataParams,
      querystring: SubmitQuery,
      body: CodeBody,
      response: { 201: Submission, 202: Submission, ...errorResponses(400, 404, 413, 429, 503) },
    },
  }, async (request, reply) => {
    const kata = requireKata(katas, request.params.slug);
    const timer = await runningPractice(store, request.learner, kata);
    const { queued, done } = await submitter.submit(request.learner, kata, request.body.code, { quota: submissionQuota(quotas, request.body.code), timeTakenSeconds: timer?.seconds ?? null });
    reply.header('location', `/api/submissions/${queued.id}`);
    if (!request.query.wait) return reply.code(202).send(learnerSubmission(queued));
    const stored = await done;
    if (!stored) throw new HttpError(503, 'shutting_down', 'The server stopped before the verdict; the submission runs again when it is back.', { 'retry-after': '5' });
    return reply.code(201).send(learnerSubmission(stored));
  });
}
