// Send your own request: the learner's code starts in the jail as for Run, gets the one request the
// learner wrote, and its raw response comes back. All through the real server and the real runner.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { addUser, createAssignment, signedIn } from './accounts.js';
import { learnerWithCookie, Learner, startTestServer, type TestServer } from './server.js';
import { helloCorrect } from './solutions.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ rateLimits: { run: { max: 8, windowMs: 60_000 }, submit: { max: 4, windowMs: 60_000 } } });
});
after(() => server.close());

const newLearner = () => learnerWithCookie(server.url);
const send = (learner: Learner, code: string, request: Record<string, unknown> = {}, slug = 'hello-server') =>
  learner.post(`/api/katas/${slug}/request`, { code, request: { method: 'GET', path: '/', headers: [], body: '', ...request } });

/** Answers with what it received, and headers that show order, spelling and repeats. */
const echoServer = `import http from 'node:http';
http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    console.log('got ' + req.method + ' ' + req.url);
    console.error('a line on stderr');
    res.writeHead(201, 'Made It', ['X-Zebra', '1', 'x-apple', '2', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Content-Type', 'application/json']);
    res.end(JSON.stringify({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, body }));
  });
}).listen(3000);
`;

describe('Send your own request', () => {
  it("gets the kata's reference solution's raw answer, with its output and timings", async () => {
    const learner = await newLearner();
    const reference = fs.readFileSync('katas/hello-server/solution.ts', 'utf8');
    const res = await send(learner, reference, { path: '/anything?x=1' });
    assert.equal(res.status, 200, res.text);
    const { body } = res;
    assert.equal(body.status, 'answered', body.message);
    assert.equal(body.response.statusLine, 'HTTP/1.1 200 OK');
    assert.deepEqual(body.response.headers.find((h: { name: string }) => h.name === 'Content-Type'), { name: 'Content-Type', value: 'text/plain; charset=utf-8' });
    assert.equal(body.response.body, 'Hello from raw Node!\n');
    assert.equal(body.response.bodyEncoding, 'utf8');
    assert.equal(body.response.truncated, false);
    assert.match(body.logs.stdout, /hello-server listening on port 3000/);
    assert.ok(body.timings.totalMs > 0 && body.timings.requestMs >= body.response.headersMs);
    assert.match(body.message, /^HTTP\/1\.1 200 OK, in \d+ ms\.$/);
    assert.deepEqual(body.diagnostics, []);
  });

  it('sends the request exactly as shown, and shows the response raw: order, spelling, repeats, reason phrase', async () => {
    const learner = await newLearner();
    const headers = [{ name: 'X-Trace', value: 'one' }, { name: 'accept', value: 'application/json' }, { name: 'X-Trace', value: 'two' }];
    const res = await send(learner, echoServer, { method: 'post', path: '/orders?id=7&sort=asc', headers, body: '{"qty": 2, "note": "café"}' });
    const { body } = res;
    assert.equal(body.status, 'answered', body.message);
    assert.equal(body.response.statusLine, 'HTTP/1.1 201 Made It');
    assert.equal(body.response.status, 201);
    const names = body.response.headers.map((h: { name: string; value: string }) => `${h.name}: ${h.value}`);
    assert.deepEqual(names.slice(0, 5), ['X-Zebra: 1', 'x-apple: 2', 'Set-Cookie: a=1', 'Set-Cookie: b=2', 'Content-Type: application/json']);
    // What the learner is shown as sent is what the server received, header for header.
    assert.deepEqual(body.request.headers, [
      { name: 'Host', value: 'localhost:3000' },
      ...headers,
      { name: 'Content-Length', value: String(Buffer.byteLength('{"qty": 2, "note": "café"}')) },
      { name: 'Connection', value: 'close' },
    ]);
    const seen = JSON.parse(body.response.body);
    assert.equal(seen.method, 'POST');
    assert.equal(body.request.method, 'POST');
    assert.equal(seen.url, '/orders?id=7&sort=asc');
    assert.deepEqual(seen.rawHeaders, body.request.headers.flatMap((h: { name: string; value: string }) => [h.name, h.value]));
    assert.equal(seen.body, '{"qty": 2, "note": "café"}');
    assert.equal(body.logs.stdout, 'got POST /orders?id=7&sort=asc\n');
    assert.equal(body.logs.stderr, 'a line on stderr\n');
  });

  it('says clearly when the server never answers, within the time limit', async () => {
    const learner = await newLearner();
    const started = Date.now();
    const res = await send(learner, `require('node:http').createServer(() => { console.log('got it, answering never'); }).listen(3000);`);
    assert.equal(res.body.status, 'timeout');
    assert.equal(res.body.response, null);
    assert.match(res.body.message, /^No response within 5 s — does every code path call res\.end\(\)\?$/);
    assert.match(res.body.logs.stdout, /answering never/);
    assert.ok(Date.now() - started < 9000, 'answered within the time limit');
  });

  it('shows what arrived of a response that never ends', async () => {
    const learner = await newLearner();
    const res = await send(learner, `require('node:http').createServer((req: any, res: any) => { res.writeHead(200, { 'Content-Type': 'text/event-stream' }); res.write('data: one\\n\\n'); }).listen(3000);`);
    assert.equal(res.body.status, 'timeout');
    assert.equal(res.body.response.status, 200);
    assert.equal(res.body.response.body, 'data: one\n\n');
    assert.match(res.body.message, /started \(HTTP\/1\.1 200 OK\) but had not ended after 5 s/);
  });

  it('cuts a huge response at 64 KB and says how large it was', async () => {
    const learner = await newLearner();
    const res = await send(learner, `require('node:http').createServer((req: any, res: any) => { res.end('x'.repeat(3 * 1024 * 1024)); }).listen(3000);`);
    assert.equal(res.body.status, 'answered', res.body.message);
    assert.equal(res.body.response.truncated, true);
    assert.equal(res.body.response.bodyBytes, 3 * 1024 * 1024);
    assert.equal(res.body.response.body.length, 64 * 1024);
    assert.match(res.body.message, /The body is 3145728 bytes; the first 64 KB are shown\./);
    assert.ok(res.text.length < 100_000, `the answer stays small: ${res.text.length} characters`);
  });

  it('shows a binary body as base64, never as broken text', async () => {
    const learner = await newLearner();
    const res = await send(learner, `require('node:http').createServer((req: any, res: any) => { res.setHeader('Content-Type', 'image/png'); res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe])); }).listen(3000);`);
    assert.equal(res.body.response.bodyEncoding, 'base64');
    assert.deepEqual([...Buffer.from(res.body.response.body, 'base64')], [0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]);
  });

  it('says why when the server crashes on the request, never listens, or does not compile', async () => {
    const learner = await newLearner();
    const crash = await send(learner, `require('node:http').createServer((req: any) => { throw new Error('boom on ' + req.url); }).listen(3000);`, { path: '/explode' });
    assert.equal(crash.body.status, 'crashed');
    assert.match(crash.body.message, /stopped before the response ended: it threw Error: boom on \/explode/);
    assert.match(crash.body.logs.stderr, /boom on \/explode/);
    const silent = await send(learner, `console.log('no server here');`);
    assert.equal(silent.body.status, 'did_not_listen');
    assert.match(silent.body.message, /is server\.listen\(\) called\?/);
    assert.equal(silent.body.logs.stdout, 'no server here\n');
    const broken = await send(learner, 'const x = ;');
    assert.equal(broken.body.status, 'compile_error');
    assert.equal(broken.body.diagnostics[0].line, 1);
  });

  it('answers each learner from their own code only', async () => {
    const [ann, bob] = await Promise.all([newLearner(), newLearner()]);
    const says = (word: string) => `require('node:http').createServer((req: any, res: any) => res.end('${word}')).listen(3000);`;
    await ann.put('/api/katas/hello-server/draft', { code: says('draft') });
    const [a, b] = await Promise.all([send(ann, says('ann')), send(bob, says('bob'))]);
    assert.equal(a.body.response.body, 'ann');
    assert.equal(b.body.response.body, 'bob');
  });
});

describe('bad requests', () => {
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a path without /', { path: 'http://example.com/' }, /the path must start with \//],
    ['a path with a space', { path: '/a b' }, /percent-encode it/],
    ['a method with a space', { method: 'GE T' }, /"GE T" is not an HTTP method/],
    ['CONNECT', { method: 'CONNECT' }, /CONNECT asks for a tunnel/],
    ['a header name with a colon', { headers: [{ name: 'X-A:', value: '1' }] }, /"X-A:" is not a header name/],
    ['a header value with a line break', { headers: [{ name: 'X-A', value: 'one\r\nHost: elsewhere' }] }, /the value of header X-A contains a line break/],
    ['a wrong Content-Length', { headers: [{ name: 'Content-Length', value: '99' }], body: 'abc' }, /Content-Length says "99" but the body is 3 bytes/],
    ['a body over 64 KB', { body: 'é'.repeat(40_000) }, /the body is 80000 bytes; at most 64 KB/],
    ['an unknown field', { url: '/' }, /body\/request has a field this API does not know: "url"/],
    ['a header without a value', { headers: [{ name: 'X-A' }] }, /body\/request\/headers\/0 must have required properties? value/],
  ];
  for (const [what, request, message] of bad) {
    it(`refuses ${what} with a clear 400, and runs nothing`, async () => {
      const learner = await newLearner();
      const res = await send(learner, helloCorrect, request);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.error, 'bad_request');
      assert.match(res.body.message, message);
    });
  }

  it('counts sends and runs in one allowance, with 429 and Retry-After', async () => {
    const learner = await newLearner();
    for (let i = 0; i < 4; i++) assert.equal((await learner.post('/api/katas/hello-server/run', {})).status, 400);
    for (let i = 0; i < 4; i++) assert.equal((await send(learner, helloCorrect, { path: 'nope' })).status, 400);
    const limited = await send(learner, helloCorrect);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error, 'too_many_requests');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal((await learner.post('/api/katas/hello-server/run', { code: helloCorrect })).status, 429);
    assert.equal((await send(await newLearner(), helloCorrect)).status, 200, 'someone else is not affected');
  });

  it('answers 503 with Retry-After while the learner already has two runs going', async () => {
    const learner = await newLearner();
    const hang = `require('node:http').createServer(() => undefined).listen(3000);`;
    const answers = await Promise.all([send(learner, hang), send(learner, hang), send(learner, hang)]);
    const busy = answers.filter((a) => a.status === 503);
    assert.equal(busy.length, 1, answers.map((a) => a.status).join(' '));
    assert.equal(busy[0]!.body.error, 'busy');
    assert.ok(Number(busy[0]!.headers.get('retry-after')) > 0);
  });

  it('is for katas that exist', async () => {
    const res = await send(await newLearner(), helloCorrect, {}, 'no-such-kata');
    assert.equal(res.status, 404);
  });
});

describe('in a timed assignment', () => {
  it('lets the candidate send requests while the take runs, counted with their runs', async () => {
    addUser(server.db, 'ivy@example.test', 'interviewer');
    const ivy = await signedIn(server.url, 'ivy@example.test');
    const { token } = await createAssignment(ivy, { minutes: 20 });
    const candidate = new Learner(server.url);
    const path = `/api/takes/${token}/katas/hello-server/request`;
    const body = { code: helloCorrect, request: { method: 'GET', path: '/', headers: [], body: '' } };
    assert.equal((await candidate.post(path, body)).status, 409, 'not before the start');
    await candidate.post(`/api/takes/${token}/start`, {});
    const res = await candidate.post(path, body);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.response.body, 'Hello from raw Node!\n');
    assert.equal((await candidate.post(path, { ...body, request: { ...body.request, path: 'x' } })).status, 400);
    assert.equal((await candidate.post(`/api/takes/${token}/katas/not-in-it/request`, body)).status, 404);
    for (let i = 0; i < 5; i++) await candidate.post(`/api/takes/${token}/katas/hello-server/run`, {});
    assert.equal((await candidate.post(path, body)).status, 429, 'runs and sends share the allowance');
    await candidate.post(`/api/takes/${token}/finish`, {});
  });
});
