// Reviewing an assignment: the whole take, the replay of one kata's code, a re-run of a
// submission, the reviewer's notes, rating and recommendation, and exports.
import { AssignmentDetail, AssignmentKataParams, AssignmentParams, AssignmentSubmissionParams, CsrfHeaders, ExportQuery, Replay, ReviewBody, RunResult } from '../../contract/index.js';
import { reviewDetail, toCsv } from '../assignments/review.js';
import { takeLearner } from '../assignments/takes.js';
import { HttpError, notFound } from '../errors.js';
import { rateLimitHooks } from '../rate-limit.js';
import { reviewerView } from '../views.js';
import { matchingAssignments, visibleAssignment, type AssignmentContext } from './assignments.js';
import { errorResponses, type App } from './context.js';

export async function reviewRoutes(app: App, context: AssignmentContext): Promise<void> {
  const { store, katas, takes, sessions, runner, rateLimits } = context;
  const signedIn = { onRequest: sessions.require };

  app.get('/api/assignments/:id', {
    ...signedIn,
    schema: { operationId: 'getAssignment', summary: 'One assignment: per kata the final code, the full verdict and every Run and Submit', params: AssignmentParams, response: { 200: AssignmentDetail, ...errorResponses(400, 401, 404) } },
  }, async (request) => reviewDetail(store, katas, takes, await visibleAssignment(context, request, request.params.id)));

  app.get('/api/assignments/:id/katas/:slug/replay', {
    ...signedIn,
    schema: { operationId: 'getReplay', summary: "The candidate's code for one kata over time: every snapshot, in order", params: AssignmentKataParams, response: { 200: Replay, ...errorResponses(400, 401, 404) } },
  }, async (request) => {
    const a = await visibleAssignment(context, request, request.params.id);
    if (!a.katas.includes(request.params.slug)) throw notFound('This assignment has no such kata.');
    return { startedAt: a.startedAt, snapshots: await store.assignments.snapshots(a.id, request.params.slug) };
  });

  app.put('/api/assignments/:id/review', {
    onRequest: sessions.require,
    preHandler: app.csrfProtection,
    schema: { operationId: 'reviewAssignment', summary: "The reviewer's notes, a rating from 1 to 4 and a recommendation", headers: CsrfHeaders, params: AssignmentParams, body: ReviewBody, response: { 200: AssignmentDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => {
    const a = await visibleAssignment(context, request, request.params.id);
    await store.assignments.review(a.id, request.body.notes, request.body.rating, request.body.recommendation);
    return reviewDetail(store, katas, takes, (await store.assignments.byId(a.id))!);
  });

  // Counted per account once the session is known, so it comes after sessions.require.
  const rerunLimit = rateLimitHooks(rateLimits.run, (request) => `rerun:${request.account?.id ?? request.ip}`);
  app.post('/api/assignments/:id/submissions/:submission/rerun', {
    onRequest: [sessions.require, rerunLimit.onRequest],
    onSend: rerunLimit.onSend,
    preHandler: app.csrfProtection,
    schema: {
      operationId: 'rerunAssignmentSubmission',
      summary: "Run a candidate's submission again: its code, its kata version, its seed; nothing is stored",
      headers: CsrfHeaders,
      params: AssignmentSubmissionParams,
      response: { 200: RunResult, ...errorResponses(400, 401, 403, 404, 409, 429, 503) },
    },
  }, async (request) => {
    const a = await visibleAssignment(context, request, request.params.id);
    const submission = await store.getSubmission(takeLearner(a), request.params.submission);
    if (!submission) throw notFound('This assignment has no such submission.');
    if (!submission.result) throw new HttpError(409, 'not_finished', 'This submission is still waiting for its verdict.');
    return reviewerView(await runner.run({ kata: submission.kata, version: submission.kataVersion, code: submission.code, mode: 'submit', seed: submission.result.seed }));
  });

  app.get('/api/assignments/export', {
    ...signedIn,
    schema: {
      operationId: 'exportAssignments',
      summary: 'One assignment (id) or the filtered list, as CSV (a row per kata) or JSON (everything getAssignment holds)',
      querystring: ExportQuery,
      response: { 200: { description: 'text/csv or application/json', content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array', items: AssignmentDetail } } } }, ...errorResponses(400, 401, 404) },
    },
  }, async (request, reply) => {
    const { format, id, ...filters } = request.query;
    const records = id ? [await visibleAssignment(context, request, id)] : await Promise.all((await matchingAssignments(context, request, filters)).map(async (s) => (await store.assignments.byId(s.id))!));
    const details = await Promise.all(records.map((r) => reviewDetail(store, katas, takes, r)));
    const stamp = new Date().toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="assignments-${stamp}.${format}"`);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(details));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(details, null, 2));
  });
}
