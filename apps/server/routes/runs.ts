// Run (sample probes, nothing stored) and Submit (all probes, stored). Both start real work, so
// both are rate-limited per learner; when every run slot is busy the answer is 503 + Retry-After.
import { CodeBody, KataParams, RunResult, Submission } from '../schemas.js';
import { errorResponses, rateLimited, requireKata, type App, type RouteContext } from './context.js';

export async function runRoutes(app: App, { pool, katas, submitter, rateLimits }: RouteContext): Promise<void> {
  app.post('/api/katas/:slug/run', {
    config: rateLimited(rateLimits.run),
    schema: {
      summary: 'Run the sample probes against the code; the verdict is returned, not stored',
      params: KataParams,
      body: CodeBody,
      response: { 200: RunResult, ...errorResponses(400, 404, 413, 429, 503) },
    },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    return pool.run({ kataDir: kata.dir, code: request.body.code, mode: 'run', owner: request.learner });
  });

  app.post('/api/katas/:slug/submissions', {
    config: rateLimited(rateLimits.submit),
    schema: {
      summary: 'Submit: every probe runs (hidden ones report only name and pass/fail); stored in the learner\'s history',
      params: KataParams,
      body: CodeBody,
      response: { 201: Submission, ...errorResponses(400, 404, 413, 429, 503) },
    },
  }, async (request, reply) => {
    const kata = requireKata(katas, request.params.slug);
    return reply.code(201).send(await submitter.submit(request.learner, kata, request.body.code));
  });
}
