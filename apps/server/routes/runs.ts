// Run (sample probes, nothing stored) and Submit (all probes, stored). Both start real work, so
// both are rate-limited per learner; when every run slot is busy the answer is 503 + Retry-After.
import crypto from 'node:crypto';
import { CodeBody, KataParams, RunResult, Submission } from '../../contract/index.js';
import { learnerSubmission, learnerView } from '../views.js';
import { errorResponses, rateLimited, requireKata, type App, type RouteContext } from './context.js';

export async function runRoutes(app: App, { runner, katas, submitter, rateLimits }: RouteContext): Promise<void> {
  app.post('/api/katas/:slug/run', {
    ...rateLimited(rateLimits.run),
    schema: {
      summary: 'Run the sample probes against the code; the verdict is returned, not stored',
      params: KataParams,
      body: CodeBody,
      response: { 200: RunResult, ...errorResponses(400, 404, 413, 429, 503) },
    },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    const seed = crypto.randomInt(0, 2 ** 32);
    return learnerView(await runner.run({ kata: kata.meta.slug, version: kata.meta.version, code: request.body.code, mode: 'run', seed }));
  });

  app.post('/api/katas/:slug/submissions', {
    ...rateLimited(rateLimits.submit),
    schema: {
      summary: 'Submit: every probe runs (hidden ones report only name and pass/fail); stored in the learner\'s history',
      params: KataParams,
      body: CodeBody,
      response: { 201: Submission, ...errorResponses(400, 404, 413, 429, 503) },
    },
  }, async (request, reply) => {
    const kata = requireKata(katas, request.params.slug);
    return reply.code(201).send(learnerSubmission(await submitter.submit(request.learner, kata, request.body.code)));
  });
}
