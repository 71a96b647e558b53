import { probe, expect, fail } from 'katabox/probe';
import type { HttpResponse, Rand } from 'katabox/probe';

const TIME_FORMAT = /^\d+(\.\d+)?ms$/;
const TOKEN = 'open-sesame';

function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function json(res: HttpResponse, status: number, what: string, hint: string): Record<string, unknown> {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res, `Content-Type for ${what}`).toHaveContentType('application/json', "every response is JSON: { 'Content-Type': 'application/json' }");
  const data = res.json<unknown>();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail(`the body of ${what} should be a JSON object, got ${res.body}`);
  return data as Record<string, unknown>;
}

function requestIdOf(res: HttpResponse, what: string): string {
  const id = header(res, 'x-request-id');
  expect(id, `X-Request-Id of ${what}`).toSatisfy(
    (v) => typeof v === 'string' && v.length > 0,
    'a non-empty header',
    'the first middleware gives every request an id and sets it as the X-Request-Id response header',
  );
  return id!;
}

function responseTimeOf(res: HttpResponse, what: string, hint: string): number {
  const value = header(res, 'x-response-time');
  expect(value, `X-Response-Time of ${what}`).toMatch(TIME_FORMAT, hint);
  return Number.parseFloat(value!);
}

/** A request id the server must accept and reuse. */
function acceptableId(rand: Rand): string {
  return `${rand.word(3, 6)}-${rand.int(1000, 999999)}${rand.pick(['', '_', '-'])}${rand.string(rand.int(2, 10), 'ABCDEFabcdef0123456789')}`;
}

async function whoami(get: (path: string, headers?: Record<string, string>) => Promise<HttpResponse>, headers?: Record<string, string>) {
  const res = await get('/whoami', headers);
  const data = json(res, 200, 'GET /whoami', 'GET /whoami answers 200 { requestId }');
  return { res, id: requestIdOf(res, 'GET /whoami'), body: data.requestId };
}

probe('request-id-generated', { name: 'every request gets a fresh X-Request-Id', weight: 2, visibility: 'sample' }, async ({ http }) => {
  const first = await whoami(http.get);
  expect(first.body, 'requestId in the body of GET /whoami').toBe(first.id, 'the handler reads the id the middleware stored on the request: body.requestId equals the X-Request-Id header');
  const second = await whoami(http.get);
  expect(second.body, 'requestId in the body of the second GET /whoami').toBe(second.id, 'the handler reads the id the middleware stored on the request');
  expect(second.id === first.id, 'two requests got the same X-Request-Id').toBe(false, `both requests got "${first.id}": make a new id per request (crypto.randomUUID()), not one at start-up`);
});

probe('request-id-reused', { name: "a client's valid X-Request-Id is passed along", visibility: 'sample' }, async ({ http, rand }) => {
  const sent = acceptableId(rand);
  const name = rand.pick(['X-Request-Id', 'x-request-id', 'X-REQUEST-ID']);
  const got = await whoami(http.get, { [name]: sent });
  expect(got.id, 'X-Request-Id').toBe(sent, `the request carried ${name}: ${sent}; reuse an id made of 1–64 letters, digits, "-" and "_" (read it as req.headers['x-request-id'])`);
  expect(got.body, 'requestId in the body').toBe(sent, 'the handler sees the same id as the header');
});

probe('request-id-rejected', { name: 'an unusable X-Request-Id is replaced by a new one' }, async ({ http, rand, note }) => {
  const bad = rand.shuffle([
    rand.string(rand.int(65, 90), 'abcdef0123456789'),
    `${rand.word(2, 5)} ${rand.word(2, 5)}`,
    `${rand.word(2, 5)};${rand.word(2, 5)}=1`,
    `<${rand.word(3, 6)}>`,
  ]).slice(0, 2);
  for (const sent of bad) {
    note(`X-Request-Id: ${sent}`);
    const got = await whoami(http.get, { 'X-Request-Id': sent });
    expect(got.id === sent, `X-Request-Id echoed ${JSON.stringify(sent)}`).toBe(false, 'only ids of 1–64 letters, digits, "-" and "_" are reused; anything else gets a new id, so a client cannot put arbitrary text in your logs');
    expect(got.body, 'requestId in the body').toBe(got.id, 'the handler sees the id that was actually used');
  }
});

probe('response-time-header', { name: 'X-Response-Time is set', visibility: 'sample' }, async ({ http }) => {
  const res = await http.get('/whoami');
  json(res, 200, 'GET /whoami', 'GET /whoami answers 200');
  responseTimeOf(res, 'GET /whoami', 'X-Response-Time is the milliseconds from the timing middleware to the headers, e.g. "0.8ms"; set it while the headers are being written: once next() has returned, a synchronous handler has already sent them');
});

probe('response-time-measures', { name: 'X-Response-Time covers a slow handler', weight: 2 }, async ({ http, rand, note }) => {
  const ms = rand.int(300, 500);
  const res = await http.request({ path: `/slow?ms=${ms}`, timeoutMs: 4000 });
  const data = json(res, 200, `GET /slow?ms=${ms}`, 'GET /slow?ms=N waits N ms, then answers 200');
  expect(data.waited, 'waited').toBe(ms, 'answer { requestId, waited: N } with the N of the query string, as a number');
  const took = responseTimeOf(res, `GET /slow?ms=${ms}`, 'every response carries X-Response-Time');
  note(`the handler waited ${ms} ms; X-Response-Time said ${took} ms`);
  expect(took, 'X-Response-Time in ms').toSatisfy(
    (t) => t >= ms * 0.9,
    `at least about ${ms}`,
    'the handler answered after an await, long after next() had returned: stop the clock when the headers are written (wrap res.writeHead), not when next() returns or the middleware starts',
  );
});

probe('request-scoped', { name: 'concurrent requests keep their own ids', weight: 2 }, async ({ http, rand, sleep }) => {
  const slowId = acceptableId(rand);
  const fastId = acceptableId(rand);
  const ms = rand.int(400, 600);
  const slow = http.request({ path: `/slow?ms=${ms}`, headers: { 'X-Request-Id': slowId }, timeoutMs: 4000 });
  await sleep(150);
  const fast = await whoami(http.get, { 'X-Request-Id': fastId });
  expect(fast.body, 'requestId of GET /whoami').toBe(fastId, 'the request carried its own valid X-Request-Id');
  const slowRes = await slow;
  const data = json(slowRes, 200, `GET /slow?ms=${ms}`, 'GET /slow?ms=N answers 200 after N ms');
  expect(requestIdOf(slowRes, 'GET /slow'), 'X-Request-Id of GET /slow').toBe(slowId, 'each response carries the id of its own request');
  expect(data.requestId, 'requestId in the body of GET /slow').toBe(
    slowId,
    data.requestId === fastId
      ? 'GET /slow reported the id of GET /whoami, which arrived while it was waiting: keep the id on the request (req.id), not in a variable shared by all requests'
      : 'the slow handler must report the id of its own request',
  );
});

probe('auth-required', { name: 'admin paths without the token get 401', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const tries: Array<[path: string, headers: Record<string, string>]> = [
    ['/admin/visits', {}],
    ['/admin/visits', { Authorization: `Bearer ${rand.word(6, 11)}` }],
    ['/admin/visits', { authorization: TOKEN }],
    [`/admin/${rand.word(3, 8)}`, {}],
  ];
  for (const [path, headers] of rand.shuffle(tries).slice(0, 3)) {
    note(`GET ${path} with ${JSON.stringify(headers)}`);
    const data = json(await http.get(path, headers), 401, `GET ${path}`, 'a path under /admin/ needs "Authorization: Bearer open-sesame"; the auth middleware answers 401 itself and does not call next()');
    expect(data, 'body').toEqual({ error: 'Unauthorized' }, 'answer { "error": "Unauthorized" }');
  }
});

probe('auth-passes', { name: 'the right token reaches the admin handler', visibility: 'sample' }, async ({ http }) => {
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const first = json(await http.get('/admin/visits', headers), 200, 'GET /admin/visits with the token', 'with the right token the auth middleware calls next() and the handler answers 200');
  expect(first.visits, 'visits').toSatisfy((v) => Number.isInteger(v) && (v as number) >= 1, 'a whole number, 1 or more', 'answer { visits: <how many times this handler has run> }');
  const second = json(await http.get('/admin/visits', headers), 200, 'GET /admin/visits with the token', 'GET /admin/visits answers 200');
  expect(second.visits, 'visits on the next call').toBe((first.visits as number) + 1, 'the count goes up by one per run of the handler');
});

probe('short-circuit', { name: 'a 401 stops the chain: the handler does not run', weight: 2 }, async ({ http, rand, note }) => {
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const before = json(await http.get('/admin/visits', headers), 200, 'GET /admin/visits with the token', 'GET /admin/visits answers 200').visits as number;
  const refused = rand.int(2, 4);
  for (let i = 0; i < refused; i++) {
    json(await http.get('/admin/visits'), 401, 'GET /admin/visits without a token', 'no token, no entry: 401');
  }
  const after = json(await http.get('/admin/visits', headers), 200, 'GET /admin/visits with the token', 'GET /admin/visits answers 200').visits as number;
  note(`visits before: ${before}, ${refused} refused requests, visits after: ${after}`);
  expect(after, 'visits after the refused requests').toBe(
    before + 1,
    after > before + 1
      ? `the handler also ran for the ${refused} refused requests: after answering 401, return without calling next()`
      : 'the count goes up by one per authorised call',
  );
});

probe('every-response-headers', { name: 'refused and unknown requests carry both headers too', weight: 2 }, async ({ http, rand, note }) => {
  const cases: Array<[path: string, status: number]> = rand.shuffle([
    [`/${rand.word(7, 10)}`, 404], // longer than any route's name: never /whoami or /slow
    [`/admin/${rand.pick(['visits', rand.word(3, 8)])}`, 401],
    ['/whoami', 200],
  ]);
  for (const [path, status] of cases) {
    note(`GET ${path}`);
    const res = await http.get(path);
    json(res, status, `GET ${path}`, status === 404 ? 'a path no handler knows answers 404 { "error": "Not Found" }' : status === 401 ? 'admin paths need the token' : 'GET /whoami answers 200');
    expect(header(res, 'x-request-id'), `X-Request-Id of the ${status}`).toSatisfy(
      (v) => typeof v === 'string' && v.length > 0,
      'a non-empty header',
      'the request-id middleware comes first in the chain, before auth and routing, so even a 401 or a 404 carries the id',
    );
    responseTimeOf(res, `the ${status}`, 'the timing middleware also comes before auth and routing, and it must stamp every response, whoever sends it and whenever');
  }
});
