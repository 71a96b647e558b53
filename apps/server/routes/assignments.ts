// The interviewer's assignments: create one (its private link is shown once), follow it, give
// more time or cancel it. An interviewer sees only their own; an admin sees all. Another
// interviewer's assignment answers 404, the same as one that does not exist.
import type { FastifyRequest } from 'fastify';
import { AssignmentList, AssignmentParams, AssignmentQuery, AssignmentSummary, CreatedAssignment, CsrfHeaders, ExtendBody, NewAssignment } from '../../contract/index.js';
import type { Sessions } from '../accounts/sessions.js';
import { hashToken, newToken, type Takes } from '../assignments/takes.js';
import type { AssignmentQuery as Query, AssignmentSummary as Summary } from '../../contract/index.js';
import { HttpError, notFound } from '../errors.js';
import { errorResponses, type App, type RouteContext } from './context.js';

const DEFAULT_LINK_DAYS = 14;

export type AssignmentContext = RouteContext & { sessions: Sessions; takes: Takes };

/** The assignment if the signed-in account may see it. */
export async function visibleAssignment({ store, takes }: AssignmentContext, request: FastifyRequest, id: string) {
  const found = await store.assignments.byId(id);
  if (!found || (request.account!.role !== 'admin' && found.ownerId !== request.account!.id)) throw notFound('There is no such assignment of yours.');
  return takes.settle(found);
}

const totalScore = (s: Summary) => s.katas.reduce((sum, k) => sum + (k.score ?? 0), 0);
const sorters: Record<NonNullable<Query['sort']>, (a: Summary, b: Summary) => number> = {
  newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
  oldest: (a, b) => a.createdAt.localeCompare(b.createdAt),
  candidate: (a, b) => a.candidateName.localeCompare(b.candidateName),
  score: (a, b) => totalScore(b) - totalScore(a),
};

/** The assignments the signed-in account may see that match the filters, sorted. */
export async function matchingAssignments({ store, takes }: AssignmentContext, request: FastifyRequest, query: Query): Promise<Summary[]> {
  const account = request.account!;
  const records = await store.assignments.list(account.role === 'admin' ? undefined : account.id);
  const summaries = await Promise.all(records.map(async (r) => takes.summary(await takes.settle(r))));
  const words = query.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  return summaries
    .filter((s) => !query.status || s.status === query.status)
    .filter((s) => !query.kata || s.katas.some((k) => k.slug === query.kata))
    .filter((s) => words.every((w) => `${s.candidateName} ${s.candidateEmail ?? ''}`.toLowerCase().includes(w)))
    .sort(sorters[query.sort ?? 'newest']);
}

export async function assignmentRoutes(app: App, context: AssignmentContext): Promise<void> {
  const { store, katas, sessions, takes } = context;
  const changes = { onRequest: sessions.require, preHandler: app.csrfProtection };

  app.post('/api/assignments', {
    ...changes,
    schema: {
      operationId: 'createAssignment',
      summary: 'Create a timed assignment; the answer holds its private link, shown this once',
      headers: CsrfHeaders,
      body: NewAssignment,
      response: { 201: CreatedAssignment, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const body = request.body;
    const unknown = body.katas.filter((slug) => !katas.find(slug));
    if (unknown.length > 0) throw new HttpError(400, 'bad_request', `No such kata: ${unknown.join(', ')}.`);
    const token = newToken();
    const created = await store.assignments.addAssignment({
      ownerId: request.account!.id,
      candidateName: body.candidateName.trim(),
      candidateEmail: body.candidateEmail ?? null,
      instructions: body.instructions ?? '',
      katas: body.katas,
      minutes: body.minutes,
      tokenHash: hashToken(token),
      linkExpiresAt: new Date(Date.now() + (body.linkExpiresInDays ?? DEFAULT_LINK_DAYS) * 86_400_000).toISOString(),
    });
    return reply.code(201).send({ ...(await takes.summary(created)), link: `/a/${token}` });
  });

  app.get('/api/assignments', {
    onRequest: sessions.require,
    schema: { operationId: 'listAssignments', summary: "The interviewer's assignments (an admin's: everyone's), filtered and sorted", querystring: AssignmentQuery, response: { 200: AssignmentList, ...errorResponses(400, 401) } },
  }, async (request) => ({ assignments: await matchingAssignments(context, request, request.query) }));

  app.post('/api/assignments/:id/extend', {
    ...changes,
    schema: { operationId: 'extendAssignment', summary: 'Give the candidate more minutes (a later deadline once started)', headers: CsrfHeaders, params: AssignmentParams, body: ExtendBody, response: { 200: AssignmentSummary, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => takes.summary(await takes.extend(await visibleAssignment(context, request, request.params.id), request.body.minutes)));

  app.post('/api/assignments/:id/cancel', {
    ...changes,
    schema: { operationId: 'cancelAssignment', summary: 'Cancel: the link stops working at once', headers: CsrfHeaders, params: AssignmentParams, response: { 200: AssignmentSummary, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => takes.summary(await takes.cancel(await visibleAssignment(context, request, request.params.id))));
}
