import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand, RequestOptions } from 'katabox/probe';

/** A correct server answers these in milliseconds; a second is far beyond that and still quick to report. */
const HANG_MS = 1000;

/**
 * Sends one request with a short deadline. When it hangs, the failure names the request and the
 * branch that should have ended it; any other failure (a crash, a reset) is reported as it is.
 */
async function ask(http: Http, request: RequestOptions, branch: string): Promise<HttpResponse> {
  const shown = `${request.method ?? 'GET'} ${request.path}`;
  try {
    return await http.request({ ...request, timeoutMs: HANG_MS });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/within/.test(message)) fail(`${shown} was left hanging (${message}) — ${branch}`);
    fail(`${shown} failed: ${message}`);
  }
}

function expectText(res: HttpResponse, what: string, status: number, body: string, hint: string): void {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res, `Content-Type for ${what}`).toHaveContentType('text/plain', "a text body needs { 'Content-Type': 'text/plain' }");
  expect(res.body, `body for ${what}`).toBe(body, hint);
}

/** A one-segment path that is none of the routes. */
function strayPath(rand: Rand): string {
  const word = rand.word(3, 8);
  return ['hello', 'echo', 'session'].includes(word) ? `/${word}s` : `/${word}`;
}

probe('hello', { name: 'GET /hello?name=… greets by name', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const name = rand.name();
  const path = rand.bool()
    ? `/hello?name=${encodeURIComponent(name)}`
    : `/hello?${rand.word(2, 5)}=${rand.word(2, 5)}&name=${encodeURIComponent(name)}`;
  note(`GET ${path}`);
  const res = await ask(http, { path }, 'the greeting branch must end with res.end(...)');
  expectText(res, `GET ${path}`, 200, `Hello, ${name}!`, 'answer 200 with "Hello, <name>!", the name taken from the decoded query parameter');
});

probe('missing-name', { name: 'GET /hello without a name gets 400', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const paths = rand.shuffle(['/hello', '/hello?name=', `/hello?${rand.word(3, 6)}=${encodeURIComponent(rand.name())}`]).slice(0, 2);
  for (const path of paths) {
    note(`GET ${path}`);
    const res = await ask(http, { path }, 'the validation branch must end the response too: res.end("Missing name"), not just a status code or res.write()');
    expectText(res, `GET ${path}`, 400, 'Missing name', 'a missing or empty name answers 400 with the body "Missing name"');
  }
});

probe('unknown-route', { name: 'anything else gets 404', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const candidates: Array<[string, string]> = [
    ['GET', strayPath(rand)],
    [rand.pick(['POST', 'PUT', 'DELETE']), `${strayPath(rand)}/${rand.word(3, 6)}`],
    ['POST', '/hello'],
    ['GET', '/echo'],
    ['GET', '/session'],
    ['GET', `/hello/${rand.word(3, 6)}`],
  ];
  for (const [method, path] of rand.shuffle(candidates).slice(0, 3)) {
    note(`${method} ${path}`);
    const res = await ask(http, { method, path }, 'a request that matches no route still needs an answer: end the final else with a 404');
    expectText(res, `${method} ${path}`, 404, 'Not Found', 'only GET /hello, DELETE /session and POST /echo are routes; everything else is 404 "Not Found"');
  }
});

probe('no-content', { name: 'DELETE /session gets 204 with no body', weight: 2 }, async ({ http, rand, note }) => {
  for (const path of ['/session', `/session?${rand.word(3, 6)}=${rand.int(1, 99)}`]) {
    note(`DELETE ${path}`);
    const res = await ask(
      http,
      { method: 'DELETE', path },
      'a 204 has no body but must still be ended: res.writeHead(204); res.end() — and do not wait for the "end" of a request body you never read',
    );
    expect(res.status, `status for DELETE ${path}`).toBe(204, 'answer 204 No Content');
    expect(res.body, `body for DELETE ${path}`).toBe('', 'a 204 response carries no body');
  }
});

probe('echo', { name: 'POST /echo sends the body back', weight: 2 }, async ({ http, rand, note }) => {
  const pieces = Array.from({ length: rand.int(2, 4) }, () => `${rand.word()} ${rand.pick(['café', 'naïve', '✓', rand.word()])} `);
  note(`POST /echo with the body sent in ${pieces.length} chunks: ${JSON.stringify(pieces)}`);
  const res = await ask(
    http,
    { method: 'POST', path: '/echo', chunks: pieces, chunkDelayMs: 40 },
    'res.write() leaves the response open: call res.end() once the request stream has ended',
  );
  expectText(res, 'POST /echo', 200, pieces.join(''), 'send back the whole body, every chunk, unchanged');

  note('POST /echo with an empty body');
  const empty = await ask(http, { method: 'POST', path: '/echo', body: '' }, 'an empty body still ends: the "end" event fires with no "data" before it');
  expect(empty.status, 'status for POST /echo with an empty body').toBe(200, 'an empty body is echoed as an empty 200');
  expect(empty.body, 'body for POST /echo with an empty body').toBe('', 'nothing was sent, so nothing comes back');
});
