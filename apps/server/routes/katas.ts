// The catalog with the learner's progress, one kata's page data, and the learner's draft of it.
import type { Kata } from '../../../sandbox/index.js';
import { progressOf, publicKata, publicMeta } from '../katas.js';
import { Catalog, CatalogQuery, CodeBody, Draft, KataPage, KataParams, NoContent } from '../../contract/index.js';
import { runningPractice } from '../practice.js';
import { draftQuota } from '../quotas.js';
import { errorResponses, rateLimited, requireKata, type App, type RouteContext } from './context.js';

export async function kataRoutes(app: App, { store, katas, rateLimits, quotas }: RouteContext): Promise<void> {
  app.get('/api/katas', {
    schema: { operationId: 'listKatas', summary: 'Every kata by track, with the learner\'s progress and the kata suggested next; filter by tag, difficulty and words of the title or tags', querystring: CatalogQuery, response: { 200: Catalog, ...errorResponses(400) } },
  }, async (request) => {
    const { tag, difficulty, q } = request.query;
    const activity = new Map((await store.activity(request.learner)).map((a) => [a.kata, a]));
    const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const matches = (k: Kata) => words.every((w) => k.meta.title.toLowerCase().includes(w) || k.meta.tags.some((t) => t.includes(w)));
    const shown = katas.all.filter((k) => (!tag || k.meta.tags.includes(tag)) && (!difficulty || k.meta.difficulty === difficulty) && matches(k));
    const solved = (k: Kata) => activity.get(k.meta.slug)?.solved === true;
    const started = new Set(katas.all.filter((k) => activity.has(k.meta.slug)).map((k) => k.meta.track));
    const next = katas.all.find((k) => started.has(k.meta.track) && !solved(k)) ?? katas.all.find((k) => !solved(k));
    return {
      tracks: katas.tracks.map((t) => {
        const inTrack = katas.all.filter((k) => k.meta.track === t.slug);
        return { ...t, katas: inTrack.length, solved: inTrack.filter(solved).length };
      }),
      next: next ? { slug: next.meta.slug, title: next.meta.title } : null,
      katas: shown.map((k) => ({ ...publicMeta(k), progress: progressOf(activity.get(k.meta.slug)) })),
      tags: katas.tags,
    };
  });

  app.get('/api/katas/:slug', {
    schema: { operationId: 'getKata', summary: 'A kata: prompt, starter, hints, the learner\'s draft, progress and practice timer; the debrief once solved', params: KataParams, response: { 200: KataPage, ...errorResponses(400, 404) } },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    const [draft, activity, timer] = await Promise.all([store.getDraft(request.learner, kata.meta.slug), store.activity(request.learner), runningPractice(store, request.learner, kata)]);
    const progress = progressOf(activity.find((a) => a.kata === kata.meta.slug));
    const next = katas.next(kata);
    return {
      kata: publicKata(kata),
      draft,
      progress,
      practice: timer?.practice ?? null,
      debrief: progress.status === 'solved' ? kata.debrief : null,
      next: next ? { slug: next.meta.slug, title: next.meta.title } : null,
    };
  });

  app.put('/api/katas/:slug/draft', {
    ...rateLimited(rateLimits.draft),
    schema: { operationId: 'saveDraft', summary: 'Save the learner\'s draft (autosave)', params: KataParams, body: CodeBody, response: { 200: Draft, ...errorResponses(400, 404, 413, 429) } },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    return store.saveDraft(request.learner, kata.meta.slug, request.body.code, draftQuota(quotas, request.body.code));
  });

  app.delete('/api/katas/:slug/draft', {
    schema: { operationId: 'deleteDraft', summary: 'Forget the draft: the kata opens with its starter again', params: KataParams, response: { 204: NoContent, ...errorResponses(400, 404) } },
  }, async (request, reply) => {
    const kata = requireKata(katas, request.params.slug);
    await store.deleteDraft(request.learner, kata.meta.slug);
    return reply.code(204).send(null);
  });
}
