// The catalog with the learner's progress, one kata's page data, and the learner's draft of it.
import { progressOf, publicKata, publicMeta } from '../katas.js';
import { Catalog, CatalogQuery, CodeBody, Draft, KataPage, KataParams, NoContent } from '../../contract/index.js';
import { checkDraftQuota } from '../quotas.js';
import { errorResponses, rateLimited, requireKata, type App, type RouteContext } from './context.js';

export async function kataRoutes(app: App, { store, katas, rateLimits, quotas }: RouteContext): Promise<void> {
  app.get('/api/katas', {
    schema: { summary: 'Every kata, with the learner\'s status; filter by tag and difficulty', querystring: CatalogQuery, response: { 200: Catalog, ...errorResponses(400) } },
  }, async (request) => {
    const { tag, difficulty } = request.query;
    const activity = new Map((await store.activity(request.learner)).map((a) => [a.kata, a]));
    const shown = katas.all.filter((k) => (!tag || k.meta.tags.includes(tag)) && (!difficulty || k.meta.difficulty === difficulty));
    return {
      tracks: katas.tracks,
      katas: shown.map((k) => ({ ...publicMeta(k), progress: progressOf(activity.get(k.meta.slug)) })),
      tags: katas.tags,
    };
  });

  app.get('/api/katas/:slug', {
    schema: { summary: 'A kata: prompt, starter, hints, the learner\'s draft and progress; the debrief once solved', params: KataParams, response: { 200: KataPage, ...errorResponses(400, 404) } },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    const [draft, activity] = await Promise.all([store.getDraft(request.learner, kata.meta.slug), store.activity(request.learner)]);
    const progress = progressOf(activity.find((a) => a.kata === kata.meta.slug));
    const next = katas.next(kata);
    return {
      kata: publicKata(kata),
      draft,
      progress,
      debrief: progress.status === 'solved' ? kata.debrief : null,
      next: next ? { slug: next.meta.slug, title: next.meta.title } : null,
    };
  });

  app.put('/api/katas/:slug/draft', {
    ...rateLimited(rateLimits.draft),
    schema: { summary: 'Save the learner\'s draft (autosave)', params: KataParams, body: CodeBody, response: { 200: Draft, ...errorResponses(400, 404, 413, 429) } },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    await checkDraftQuota(store, quotas, request.learner, kata.meta.slug, request.body.code);
    return store.saveDraft(request.learner, kata.meta.slug, request.body.code);
  });

  app.delete('/api/katas/:slug/draft', {
    schema: { summary: 'Forget the draft: the kata opens with its starter again', params: KataParams, response: { 204: NoContent, ...errorResponses(400, 404) } },
  }, async (request, reply) => {
    const kata = requireKata(katas, request.params.slug);
    await store.deleteDraft(request.learner, kata.meta.slug);
    return reply.code(204).send(null);
  });
}
