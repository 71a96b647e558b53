// The candidate's side of an assignment, authorised by the link's token alone. The candidate
// sees the katas' prompts and starters once the clock runs, hidden probes as name and pass/fail
// only, and nothing of other candidates, reference solutions or the review.
import { CodeBody, NoContent, RequestBody, RequestResult, RunResult, Submission, SubmitQuery, Take, TakeDraftBody, TakeKataParams, TakeParams } from '../../contract/index.js';
import type { AssignmentRecord } from '../assignments/store.js';
import { statusOf, takeLearner, type Takes } from '../assignments/takes.js';
import { HttpError, notFound } from '../errors.js';
import { publicKata } from '../katas.js';
import { randomSeed } from '../submitter.js';
import { learnerSubmission, learnerView } from '../views.js';
import { rateLimitHooks, type RateLimit } from '../rate-limit.js';
import { errorResponses, type App, type RouteContext } from './context.js';
import { checkRequest } from './runs.js';

/** Rate limits per link, so that one candidate's clicking costs no other candidate anything. */
const perTake = (rate: RateLimit) => rateLimitHooks(rate, (request) => `take:${(request.params as { token?: string }).token ?? ''}`);

export async function takeRoutes(app: App, { store, katas, runner, submitter, rateLimits, takes }: RouteContext & { takes: Takes }): Promise<void> {
  const kataOf = (a: AssignmentRecord, slug: string) => {
    const kata = a.katas.includes(slug) ? katas.find(slug) : undefined;
    if (!kata) throw notFound(`This assignment has no kata "${slug}".`);
    return kata;
  };
  const running = async (token: string) => {
    const a = await takes.byToken(token);
    takes.requireRunning(a);
    return a;
  };

  /** The code of a Run or Submit is the candidate's latest: it becomes the draft (what the deadline would submit) and a snapshot. */
  async function record(a: AssignmentRecord, kata: string, kind: 'run' | 'submit', code: string, at: string): Promise<void> {
    await store.assignments.saveDraft(a.id, kata, code, at);
    await store.assignments.addSnapshot(a.id, { kata, at, kind, code });
  }

  async function view(a: AssignmentRecord) {
    const status = statusOf(a);
    const open = status === 'in_progress';
    const drafts = open ? await store.assignments.drafts(a.id) : new Map<string, string>();
    const list = [];
    for (const slug of status === 'created' || status === 'opened' || open ? a.katas : []) {
      const kata = katas.find(slug);
      if (!kata) continue;
      const [latest] = open ? await store.listSubmissions(takeLearner(a), slug, 1) : [];
      const last = latest && (await store.getSubmission(takeLearner(a), latest.id));
      const { prompt, starter } = publicKata(kata);
      list.push({
        slug,
        title: kata.meta.title,
        difficulty: kata.meta.difficulty,
        prompt: open ? prompt : null,
        starter: open ? starter : null,
        draft: drafts.get(slug) ?? null,
        lastSubmission: last ? learnerSubmission(last) : null,
      });
    }
    return { status, candidateName: a.candidateName, instructions: a.instructions, minutes: a.minutes, startedAt: a.startedAt, deadlineAt: a.deadlineAt, serverNow: new Date().toISOString(), katas: list };
  }

  app.get('/api/takes/:token', {
    schema: {
      operationId: 'getTake',
      summary: "The assignment the link opens, as its candidate sees it; once it has finished, expired or been cancelled, only that",
      security: [],
      params: TakeParams,
      response: { 200: Take, ...errorResponses(400, 404) },
    },
  }, async (request) => {
    const a = await takes.byToken(request.params.token);
    if (statusOf(a) === 'created') await store.assignments.markOpened(a.id, new Date().toISOString());
    return view((await store.assignments.byId(a.id))!);
  });

  app.post('/api/takes/:token/start', {
    schema: { operationId: 'startTake', summary: 'Start the clock; the server records the start and keeps the deadline', security: [], params: TakeParams, response: { 200: Take, ...errorResponses(400, 404, 410) } },
  }, async (request) => view(await takes.start(await takes.byToken(request.params.token))));

  app.put('/api/takes/:token/katas/:slug/draft', {
    ...perTake(rateLimits.draft),
    schema: {
      operationId: 'saveTakeDraft',
      summary: "Save the candidate's code; each save is also kept, in order, for the interviewer's replay",
      security: [],
      params: TakeKataParams,
      body: TakeDraftBody,
      response: { 204: NoContent, ...errorResponses(400, 404, 409, 410, 429) },
    },
  }, async (request, reply) => {
    const a = await running(request.params.token);
    const kata = kataOf(a, request.params.slug);
    const at = new Date().toISOString();
    await store.assignments.saveDraft(a.id, kata.meta.slug, request.body.code, at);
    await store.assignments.addSnapshot(a.id, { kata: kata.meta.slug, at, kind: request.body.paste ? 'paste' : 'edit', code: request.body.code });
    return reply.code(204).send(null);
  });

  const runs = perTake(rateLimits.run);
  app.post('/api/takes/:token/katas/:slug/run', {
    ...runs,
    schema: { operationId: 'runTakeKata', summary: 'Run the sample probes; the verdict is returned, and its score kept for the interviewer', security: [], params: TakeKataParams, body: CodeBody, response: { 200: RunResult, ...errorResponses(400, 404, 409, 410, 429, 503) } },
  }, async (request) => {
    const a = await running(request.params.token);
    const kata = kataOf(a, request.params.slug);
    const at = new Date().toISOString();
    await record(a, kata.meta.slug, 'run', request.body.code, at);
    const result = await runner.run({ kata: kata.meta.slug, version: kata.meta.version, code: request.body.code, mode: 'run', seed: randomSeed() });
    await store.assignments.addRun(a.id, { kata: kata.meta.slug, at, status: result.status, score: result.score });
    return learnerView(result);
  });

  app.post('/api/takes/:token/katas/:slug/request', {
    ...runs,
    schema: {
      operationId: 'sendTakeRequest',
      summary: "Start the code's server as Run does and send it this one request; the raw response is returned. Counts as a run",
      security: [],
      params: TakeKataParams,
      body: RequestBody,
      response: { 200: RequestResult, ...errorResponses(400, 404, 409, 410, 429, 503) },
    },
  }, async (request) => {
    const a = await running(request.params.token);
    const kata = kataOf(a, request.params.slug);
    checkRequest(request.body);
    return runner.send({ kata: kata.meta.slug, version: kata.meta.version, code: request.body.code, request: request.body.request, key: takeLearner(a) });
  });

  app.post('/api/takes/:token/katas/:slug/submissions', {
    ...perTake(rateLimits.submit),
    schema: {
      operationId: 'submitTakeKata',
      summary: 'Submit: every probe runs; 202 at once, or 201 with the verdict with ?wait=true. Refused after the deadline',
      security: [],
      params: TakeKataParams,
      querystring: SubmitQuery,
      body: CodeBody,
      response: { 201: Submission, 202: Submission, ...errorResponses(400, 404, 409, 410, 429, 503) },
    },
  }, async (request, reply) => {
    const a = await running(request.params.token);
    const kata = kataOf(a, request.params.slug);
    await record(a, kata.meta.slug, 'submit', request.body.code, new Date().toISOString());
    const { queued, done } = await submitter.submit(takeLearner(a), kata, request.body.code);
    if (!request.query.wait) return reply.code(202).send(learnerSubmission(queued));
    const stored = await done;
    if (!stored) throw new HttpError(503, 'shutting_down', 'The server stopped before the verdict; the submission runs again when it is back.', { 'retry-after': '5' });
    return reply.code(201).send(learnerSubmission(stored));
  });

  app.post('/api/takes/:token/finish', {
    schema: { operationId: 'finishTake', summary: 'Finish early; the latest draft of each kata not yet submitted is submitted', security: [], params: TakeParams, response: { 200: Take, ...errorResponses(400, 404, 409, 410) } },
  }, async (request) => {
    const a = await running(request.params.token);
    await takes.finish(a);
    return view((await store.assignments.byId(a.id))!);
  });
}
