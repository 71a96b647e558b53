// A request the learner wrote, sent to their own server: transpile → jail → listen → the one
// request → its raw response. The server starts exactly as for a run (same jail, same limits);
// no probe runs, and the request goes to the candidate's socket only.
import { transpile } from '../compile/transpile.js';
import type { CandidateProcess, IsolationMode } from '../jail/candidate.js';
import type { KataBundle } from '../kata/bundle.js';
import { mergeLimits, type Limits } from '../limits.js';
import { CRASH_GRACE_MS } from '../probe/bridge.js';
import type { LearnerRequest, RequestResult, RequestStatus } from '../result.js';
import { awaitListening, delay } from '../run/listen.js';
import type { RunEnvironment } from '../run/run.js';
import { retire } from '../run/restart.js';
import type { Prepared } from '../run/jails.js';
import { requestError } from '../run/error-result.js';
import { exitReason, outputNote } from '../run/verdict.js';
import { framed, requestProblem } from './check.js';
import { exchange, MAX_KEPT_BODY, type Exchanged } from './exchange.js';

/** One request job as the runner host receives it: plain data, no host paths. */
export interface SendRequest {
  bundle: KataBundle;
  code: string;
  request: LearnerRequest;
  limits?: Partial<Limits>;
  isolation?: IsolationMode;
}

/** How long the server has to answer once it listens (and never past the run's wall clock). */
export const ANSWER_MS = 5000;

const elapsed = (since: number) => Math.round(performance.now() - since);

/** What the exchange came to, in a status and a sentence. */
function judged(ex: Exchanged, proc: CandidateProcess, limits: Limits, answerMs: number): [RequestStatus, string] {
  const res = ex.response;
  const crashed = () => exitReason(proc.exit!, proc.logs().stderr, limits);
  switch (ex.ending) {
    case 'complete': {
      const cut = res!.truncated ? ` The body is ${res!.bodyBytes} bytes; the first ${MAX_KEPT_BODY / 1024} KB are shown.` : '';
      const exited = proc.alive ? '' : ` The server process then stopped: ${crashed()}.`;
      return ['answered', `${res!.statusLine}, in ${ex.ms} ms.${cut}${exited}`];
    }
    case 'switched':
      return ['answered', `${res!.statusLine}: the server switched protocols; the connection was closed after the headers.`];
    case 'timeout':
      return res
        ? ['timeout', `The response started (${res.statusLine}) but had not ended after ${answerMs / 1000} s — does the handler call res.end()? Shown is what arrived.`]
        : ['timeout', `No response within ${answerMs / 1000} s — does every code path call res.end()?`];
    default: {
      if (!proc.alive) return ['crashed', `The server process stopped before the response ended: ${crashed()}.`];
      if (ex.ending === 'invalid') return ['cut_off', `The response is not valid HTTP (${ex.code}).`];
      return res
        ? ['cut_off', `The server closed the connection after ${res.bodyBytes} bytes of the body, before the response ended.`]
        : ['cut_off', 'The server closed the connection without a response — does the handler destroy the socket, or throw?'];
    }
  }
}

export async function sendRequest(job: SendRequest, env: RunEnvironment): Promise<RequestResult> {
  const started = performance.now();
  const limits = mergeLimits(job.bundle.limits, job.limits);
  const result = requestError(job, '');
  const finish = (status: RequestStatus, message: string): RequestResult => {
    result.status = status;
    result.message = message + outputNote(result.logs.truncated, limits);
    result.timings.totalMs = elapsed(started);
    return result;
  };
  // The server checked it already; a job that reaches a runner some other way is checked again.
  const problem = requestProblem(job.request);
  if (problem) return finish('error', `Katabox refused to send the request: ${problem}.`);
  const request = framed(job.request);
  result.request = request;

  const compiled = await transpile(job.code);
  result.timings.transpileMs = elapsed(started);
  result.diagnostics = compiled.diagnostics;
  if (compiled.diagnostics.some((d) => d.severity === 'error')) {
    const first = compiled.diagnostics[0]!;
    return finish('compile_error', `The code does not compile: line ${first.line}, column ${first.column}: ${first.message}.`);
  }

  let prepared: Prepared | undefined;
  let wallTimer: NodeJS.Timeout | undefined;
  try {
    const startAt = performance.now();
    prepared = await env.jails.take(limits, job.isolation ?? 'auto');
    const { proc } = prepared;
    result.isolation = proc.isolation;
    proc.send(compiled);
    const wall = new Promise<'wall'>((resolve) => {
      wallTimer = setTimeout(() => resolve('wall'), Math.max(0, limits.wallMs - elapsed(started)));
    });
    const failed = await awaitListening(proc, limits, wall);
    result.timings.startMs = elapsed(startAt);
    if (failed) {
      result.logs = proc.logs();
      return finish(failed.status, `${failed.detail}.`);
    }
    const answerMs = Math.max(0, Math.min(ANSWER_MS, limits.wallMs - elapsed(started)));
    const ex = await exchange(proc.port, request, answerMs);
    result.timings.requestMs = ex.ms;
    result.response = ex.response;
    // A crash shows on the socket a moment before the process's exit is reported.
    if (ex.ending === 'cut-off' || ex.ending === 'invalid') await Promise.race([proc.exited, delay(CRASH_GRACE_MS, undefined)]);
    const [status, message] = judged(ex, proc, limits, answerMs);
    // Killed before its output is read, so everything it wrote while answering is in.
    await proc.kill();
    result.logs = proc.logs();
    return finish(status, message);
  } catch (err) {
    if (prepared) {
      await prepared.proc.kill();
      result.logs = prepared.proc.logs();
    }
    return finish('error', `Katabox failed to send the request: ${(err as Error).message}.`);
  } finally {
    clearTimeout(wallTimer);
    if (prepared) retire(env.jails, prepared);
  }
}
