import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

const GENERIC = { error: 'Internal Server Error' };

type Kind = 'sync' | 'next' | 'async';

const HOW: Record<Kind, string> = {
  sync: 'the handler throws synchronously: call each middleware inside try/catch and pass what it throws to the error handler',
  next: 'the handler calls next(err) from a callback: next with an argument must skip the remaining middleware and reach the error handler',
  async: 'the async handler returns a promise that rejects: try/catch around the call does not see that; attach .catch(next) to the promise it returns',
};

/** A reason the server puts into its error message, and so must not echo. */
function secret(rand: Rand): string {
  return `${rand.word(4, 7)}-${rand.int(1000, 9999)}-${rand.word(4, 7)}`;
}

async function boom(http: Http, kind: Kind, reason: string): Promise<HttpResponse> {
  try {
    return await http.request({ path: `/boom/${kind}?reason=${reason}`, timeoutMs: 2500 });
  } catch (err) {
    return fail(`GET /boom/${kind} got no answer (${(err as Error).message}) — ${HOW[kind]}`);
  }
}

function expect500(res: HttpResponse, kind: Kind): void {
  expect(res.status, `status for GET /boom/${kind}`).toBe(500, HOW[kind]);
  expect(res, `Content-Type for GET /boom/${kind}`).toHaveContentType('application/json', "the error handler answers JSON: { 'Content-Type': 'application/json' }");
}

function expectNoLeak(res: HttpResponse, kind: Kind, reason: string): void {
  if (res.body.includes(reason)) fail(`the 500 for GET /boom/${kind} shows the error's message (${reason}): send a fixed body and keep the details in the log`);
  if (/\n\s+at /.test(res.body) || /\bat .+:\d+:\d+/.test(res.body)) fail(`the 500 for GET /boom/${kind} contains a stack trace: it tells an attacker your file layout and libraries`);
  expect(res.json(), `body for GET /boom/${kind}`).toEqual(GENERIC, 'a 500 answers exactly { "error": "Internal Server Error" }');
}

async function expectOk(http: Http, what: string): Promise<void> {
  const res = await http.get('/ok');
  expect(res.status, `status for GET /ok ${what}`).toBe(200, 'GET /ok answers 200 { "ok": true }, whatever failed before');
  expect(res.json(), `body for GET /ok ${what}`).toEqual({ ok: true }, 'GET /ok answers { "ok": true }');
}

probe('ok', { name: 'GET /ok answers 200', visibility: 'sample' }, async ({ http }) => {
  await expectOk(http, '');
});

probe('sync-throw', { name: 'a synchronous throw becomes a 500', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  expect500(await boom(http, 'sync', secret(rand)), 'sync');
});

probe('next-error', { name: 'next(err) reaches the error handler', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  expect500(await boom(http, 'next', secret(rand)), 'next');
});

probe('client-error', { name: 'an error with a 4xx status keeps its status and message', weight: 2 }, async ({ http, rand, note }) => {
  const n = rand.int(-300, 300);
  const good = await http.get(`/square?n=${n}`);
  expect(good.status, `status for GET /square?n=${n}`).toBe(200, 'GET /square?n=<number> answers 200 { result: n * n }');
  expect(good.json(), `body for GET /square?n=${n}`).toEqual({ result: n * n }, 'answer { "result": n * n }');
  const bad = rand.pick([rand.word(2, 6), '', `${rand.int(1, 9)}${rand.word(1, 3)}`]);
  const path = `/square?n=${bad}`;
  note(`GET ${path}`);
  const res = await http.get(path);
  expect(res.status, `status for GET ${path}`).toBe(
    400,
    res.status === 404
      ? 'the handler called next(err), but the request went on to the 404 middleware: next with an argument must go straight to the error handler'
      : 'the handler calls next(err) with err.status = 400: the error handler keeps a 4xx status (and its message) instead of turning it into 500',
  );
  expect(res, 'Content-Type').toHaveContentType('application/json', 'errors are JSON too');
  expect(res.json(), `body for GET ${path}`).toEqual({ error: 'n must be a number' }, 'a 4xx error is meant for the client: answer { "error": err.message }');
});

probe('not-found', { name: 'unknown paths get 404' }, async ({ http, rand, note }) => {
  // Seven letters or more: never /square, /boom/sync, /boom/next or /boom/async.
  for (const path of [`/${rand.word(7, 10)}`, `/boom/${rand.word(7, 10)}`]) {
    note(`GET ${path}`);
    const res = await http.get(path);
    expect(res.status, `status for GET ${path}`).toBe(404, 'when no middleware answers, the end of the chain answers 404');
    expect(res.json(), `body for GET ${path}`).toEqual({ error: 'Not Found' }, 'answer { "error": "Not Found" }');
  }
});

probe('no-leak', { name: 'a 500 shows neither the message nor the stack', weight: 2 }, async ({ http, rand }) => {
  for (const kind of rand.shuffle<Kind>(['sync', 'next'])) {
    const reason = secret(rand);
    const res = await boom(http, kind, reason);
    expect500(res, kind);
    expectNoLeak(res, kind, reason);
  }
});

probe('keeps-serving', { name: 'the server keeps serving after errors', weight: 2 }, async ({ http, rand, alive }) => {
  const kinds = rand.shuffle<Kind>(['sync', 'next', 'sync', 'next', rand.pick<Kind>(['sync', 'next'])]);
  for (const [i, kind] of kinds.entries()) {
    await boom(http, kind, secret(rand));
    await expectOk(http, `after error ${i + 1} of ${kinds.length} (GET /boom/${kind})`);
  }
  expect(await alive(), 'server still running').toBe(true, 'an error in one request must never end the process');
});

probe('async-reject', { name: 'a rejected async handler becomes a 500, and the server lives on', weight: 3 }, async ({ http, rand, sleep, alive }) => {
  const reason = secret(rand);
  const res = await boom(http, 'async', reason);
  expect500(res, 'async');
  expectNoLeak(res, 'async', reason);
  await sleep(100);
  expect(await alive(), 'server still running').toBe(true, 'an unhandled rejection ends a Node process: catch the promise the handler returns');
  await expectOk(http, 'after the async error');
});
