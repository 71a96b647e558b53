// The learner's history: their submissions of a kata, one of them with its code and verdict, its
// progress as it runs, and a re-run against the very kata version it met. Another learner's
// submission answers 404, the same as one that does not exist.
import { EventsHeaders, KataParams, RunResult, Submission, SubmissionList, SubmissionParams } from '../../contract/index.js';
import { HttpError, notFound } from '../errors.js';
import type { ProgressEvent } from '../progress.js';
import { securityHeaders } from '../security-headers.js';
import { learnerProbe, learnerSubmission, learnerView } from '../views.js';
import { errorResponses, rateLimited, requireKata, type App, type RouteContext } from './context.js';

const HISTORY_LIMIT = 200;

/** An event as the learner may see it. */
function learnerEvent(event: ProgressEvent): { id: string; event: string; data: unknown } {
  const data = event.event === 'probe' ? learnerProbe(event.data) : event.event === 'verdict' ? learnerSubmission(event.data) : event.data;
  return { id: String(event.id), event: event.event, data };
}

export async function submissionRoutes(app: App, { store, katas, runner, progress, rateLimits }: RouteContext): Promise<void> {
  const mine = async (learner: string, id: string): Promise<Submission> => {
    const submission = await store.getSubmission(learner, id);
    if (!submission) throw notFound(`You have no submission ${id}.`);
    return submission;
  };

  app.get('/api/katas/:slug/submissions', {
    schema: {
      operationId: 'listSubmissions',
      summary: `The learner's submissions of a kata, newest first (at most ${HISTORY_LIMIT})`,
      params: KataParams,
      response: { 200: SubmissionList, ...errorResponses(400, 404) },
    },
  }, async (request) => {
    const kata = requireKata(katas, request.params.slug);
    return { submissions: await store.listSubmissions(request.learner, kata.meta.slug, HISTORY_LIMIT) };
  });

  app.get('/api/submissions/:id', {
    schema: { operationId: 'getSubmission', summary: 'One of the learner\'s submissions: code and verdict', params: SubmissionParams, response: { 200: Submission, ...errorResponses(400, 404) } },
  }, async (request) => learnerSubmission(await mine(request.learner, request.params.id)));

  app.get('/api/submissions/:id/events', {
    sse: { heartbeat: false },
    schema: {
      operationId: 'streamSubmissionEvents',
      summary: 'The submission\'s progress as Server-Sent Events: probe (each as it finishes), verdict (once stored), diagnostics (type errors, if they come later), end',
      description: 'A client that connects late gets what happened so far, then the rest; Last-Event-ID resumes after an event. A finished submission sends its verdict and ends.',
      params: SubmissionParams,
      headers: EventsHeaders,
      response: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errorResponses(400, 404, 406) },
    },
  }, async (request, reply) => {
    const submission = await mine(request.learner, request.params.id);
    // The SSE plugin serves the stream only to clients that ask for it.
    if (!reply.sse) throw new HttpError(406, 'not_acceptable', 'These events are sent as text/event-stream: ask for them with Accept: text/event-stream.');
    const after = Number(request.headers['last-event-id'] ?? 0);
    reply.headers(securityHeaders);
    let ended: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (ended = resolve));
    let verdictTold = false;
    const send = (event: ProgressEvent) => {
      if (event.event === 'verdict') verdictTold = true;
      // An end with no verdict before it (its event lost, or told by a run that lost the race to record
      // it): the stored row has it.
      if (event.event === 'end' && !verdictTold) {
        void storedVerdict().then((final) => {
          for (const e of [...final, learnerEvent(event)]) reply.sse.send(e).catch(ended);
          ended();
        });
        return;
      }
      reply.sse.send(learnerEvent(event)).catch(ended);
      if (event.event === 'end') ended();
    };
    const storedVerdict = async () => {
      const stored = await store.getSubmission(request.learner, submission.id).catch(() => undefined) ?? submission;
      return stored.status === 'queued' ? [] : [{ id: 'final', event: 'verdict', data: learnerSubmission(stored) }];
    };
    const watch = progress.watch(submission.id, 0, send);
    if (!watch) {
      // Nothing runs for it here: the stored row is the whole story.
      for (const event of [...(await storedVerdict()), { id: 'end', event: 'end', data: {} }]) await reply.sse.send(event);
      return;
    }
    reply.sse.onClose(ended);
    // A client resuming after the verdict was told has it already.
    verdictTold = watch.past.some((e) => e.event === 'verdict' && e.id <= after);
    for (const event of watch.past.filter((e) => e.id > after)) send(event);
    await done;
    watch.stop();
  });

  app.post('/api/submissions/:id/rerun', {
    ...rateLimited(rateLimits.run),
    schema: {
      operationId: 'rerunSubmission',
      summary: 'Run a stored submission again: its code, against the kata version it ran on, with its seed; nothing is stored',
      params: SubmissionParams,
      response: { 200: RunResult, ...errorResponses(400, 404, 409, 429, 503) },
    },
  }, async (request) => {
    const submission = await mine(request.learner, request.params.id);
    if (!submission.result) throw new HttpError(409, 'not_finished', 'This submission is still waiting for its verdict.');
    const { kata, kataVersion: version, code } = submission;
    return learnerView(await runner.run({ kata, version, code, mode: 'submit', seed: submission.result.seed, key: request.learner }));
  });
}
