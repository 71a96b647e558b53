// The learner's history: their submissions of a kata, and one of them with its code and verdict.
// Another learner's submission answers 404, the same as one that does not exist.
import { notFound } from '../errors.js';
import { KataParams, Submission, SubmissionList, SubmissionParams } from '../../contract/index.js';
import { learnerSubmission } from '../views.js';
import { errorResponses, requireKata, type App, type RouteContext } from './context.js';

const HISTORY_LIMIT = 200;

export async function submissionRoutes(app: App, { store, katas }: RouteContext): Promise<void> {
  app.get('/api/katas/:slug/submissions', {
    schema: { summary: `The learner's submissions of a kata, newest first (at most ${HISTORY_LIMIT})`, params: KataParams, response: { 200: SubmissionList, ...errorResponses(400, 404) } },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    return { submissions: await store.listSubmissions(request.learner, kata.meta.slug, HISTORY_LIMIT) };
  });

  app.get('/api/submissions/:id', {
    schema: { summary: 'One of the learner\'s submissions: code and verdict', params: SubmissionParams, response: { 200: Submission, ...errorResponses(400, 404) } },
  }, async (request) => {
    const submission = await store.getSubmission(request.learner, request.params.id);
    if (!submission) throw notFound(`You have no submission ${request.params.id}.`);
    return learnerSubmission(submission);
  });
}
