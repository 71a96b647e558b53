// The learner's practice timer on a kata: started (again) and stopped here, read with the kata.
// The start is always the server's own clock; the request carries nothing but the kata.
import { KataParams, NoContent, Practice } from '../../contract/index.js';
import { runningPractice } from '../practice.js';
import { errorResponses, rateLimited, requireKata, type App, type RouteContext } from './context.js';

export async function practiceRoutes(app: App, { store, katas, rateLimits }: RouteContext): Promise<void> {
  app.post('/api/katas/:slug/practice', {
    ...rateLimited(rateLimits.draft),
    schema: {
      operationId: 'startPractice',
      summary: "Start the kata's practice timer now (or start it again): submissions from now on record the time they took",
      params: KataParams,
      response: { 200: Practice, ...errorResponses(400, 404, 429) },
    },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    const now = Date.now();
    await store.startPractice(request.learner, kata.meta.slug, new Date(now).toISOString());
    return (await runningPractice(store, request.learner, kata, now))!.practice;
  });

  app.delete('/api/katas/:slug/practice', {
    ...rateLimited(rateLimits.draft),
    schema: { operationId: 'stopPractice', summary: "Stop the kata's practice timer: later submissions are untimed", params: KataParams, response: { 204: NoContent, ...errorResponses(400, 404, 429) } },
  }, async (request, reply) => {
    const kata = requireKata(katas, request.params.slug);
    await store.stopPractice(request.learner, kata.meta.slug);
    return reply.code(204).send(null);
  });
}
