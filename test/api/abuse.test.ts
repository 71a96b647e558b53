// A client out to slow, flood or fool the platform, through the real server: what it gets back,
// and that nobody else notices.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteDatabase } from '../../apps/server/storage/sqlite-driver.js';
import { openStore } from '../../apps/server/storage/open.js';
import { tempDir } from '../support/temp.js';
import { Learner, learnerWithCookie, startTestServer, type ServerEvent, type TestServer } from './server.js';
import { helloCorrect, helloManyTypeErrors, helloTypeBomb, helloTypeError, helloVerbose } from './solutions.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request sent exactly as written: fetch would tidy `..` out of the path first. */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawReply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Bytes that are not HTTP, and what the server wrote back before closing. */
function rawBytes(bytes: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

function assertErrorBody(what: string, reply: RawReply, status: number, error: string): void {
  assert.equal(reply.status, status, what);
  assert.match(String(reply.headers['content-type']), /^application\/json/, what);
  assert.deepEqual(Object.keys(JSON.parse(reply.text)), ['error', 'message'], `${what}: ${reply.text.slice(0, 200)}`);
  assert.equal(JSON.parse(reply.text).error, error, what);
  assert.ok(reply.text.length < 500, `${what} answers with ${reply.text.length} characters`);
  assert.match(String(reply.headers['content-security-policy']), /default-src 'self'/, `${what} has the security headers`);
  assert.equal(reply.headers['x-content-type-options'], 'nosniff', what);
}

describe('errors from every layer', () => {
  it('look alike: { error, message }, the fitting status, the security headers, and no long echo of the input', async () => {
    const long = 'a'.repeat(8000);
    const cases: Array<[string, string, string, Record<string, string>, string | undefined, number, string]> = [
      ['router: malformed %-escape', 'GET', '/api/katas/%zz', {}, undefined, 400, 'bad_request'],
      ['router: over-long slug', 'GET', `/api/katas/${long}`, {}, undefined, 414, 'uri_too_long'],
      ['router: no such route', 'GET', `/api/${long}`, {}, undefined, 404, 'not_found'],
      ['static files: climbing out of the assets', 'GET', '/assets/../../package.json', {}, undefined, 403, 'forbidden'],
      ['static files: climbing out, escaped', 'GET', '/assets/%2e%2e/%2e%2e/package.json', {}, undefined, 403, 'forbidden'],
      ['body parser: unknown media type', 'PUT', '/api/katas/hello-server/draft', { 'content-type': `application/${long}` }, '{}', 415, 'unsupported_media_type'],
      ['body parser: not JSON', 'PUT', '/api/katas/hello-server/draft', { 'content-type': 'application/json' }, `{"code": ${long}`, 400, 'bad_request'],
      ['body parser: too large', 'PUT', '/api/katas/hello-server/draft', { 'content-type': 'application/json' }, JSON.stringify({ code: 'x'.repeat(600_000) }), 413, 'payload_too_large'],
    ];
    for (const [what, method, path, headers, body, status, error] of cases) {
      assertErrorBody(what, await rawRequest(method, path, headers, body), status, error);
    }
  });

  it('include requests the HTTP parser rejects', async () => {
    for (const [what, bytes, status] of [
      ['a header line without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400],
      ['20 kB of headers', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ] as const) {
      const answer = await rawBytes(bytes);
      const [head, body] = answer.split('\r\n\r\n') as [string, string];
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      assertErrorBody(what, { status: Number(statusLine!.split(' ')[1]), headers, text: body }, status, status === 400 ? 'bad_request' : 'headers_too_large');
    }
  });
});

describe('validation', () => {
  it('coerces no body field: a number is not code, and nothing runs', async () => {
    const learner = await learnerWithCookie(server.url);
    for (const path of ['/api/katas/hello-server/run', '/api/katas/hello-server/submissions']) {
      const res = await learner.post(path, { code: 1 });
      assert.equal(res.status, 400, path);
      assert.equal(res.body.message, 'body/code must be string');
    }
    assert.equal((await learner.put('/api/katas/hello-server/draft', { code: true })).status, 400);
    assert.equal((await learner.get('/api/katas/hello-server')).body.draft, null, 'nothing was saved');
    assert.deepEqual((await learner.get('/api/katas/hello-server/submissions')).body.submissions, []);
  });

  it('refuses unknown fields and names them', async () => {
    const learner = await learnerWithCookie(server.url);
    const res = await learner.post('/api/katas/hello-server/run', { code: helloCorrect, seed: 1, revealHidden: true });
    assert.equal(res.status, 400);
    assert.equal(res.body.message, 'body has fields this API does not know: "seed", "revealHidden".');
    const query = await learner.get('/api/katas?difficulty=easy&sort=title');
    assert.equal(query.status, 400);
    assert.match(query.body.message, /"sort"/);
  });

  it('answers a "__proto__" key with a 400 that says so', async () => {
    const learner = await learnerWithCookie(server.url);
    const res = await learner.put('/api/katas/hello-server/draft', '{"code": "x", "__proto__": {"isAdmin": true}}');
    assert.equal(res.status, 400);
    assert.match(res.body.message, /"__proto__"/);
    assert.doesNotMatch(res.body.message, /not valid JSON/);
  });
});

describe('text that cannot be stored as sent', () => {
  it('a lone surrogate is refused with a clear 400, and the stored draft is left as it was', async () => {
    const learner = await learnerWithCookie(server.url);
    const kept = '// \u{1F600} and \\ud800 as an escape in the code are fine: 😀\n';
    assert.equal((await learner.put('/api/katas/hello-server/draft', { code: kept })).status, 200);
    for (const code of ['const s = "\ud800";', '\udfff at the start', 'at the end \udbff']) {
      const res = await learner.put('/api/katas/hello-server/draft', JSON.stringify({ code }));
      assert.equal(res.status, 400, JSON.stringify(code));
      assert.match(res.body.message, /lone UTF-16 surrogate/);
    }
    assert.equal((await learner.post('/api/katas/hello-server/run', { code: '// \ud800' })).status, 400);
    assert.equal((await learner.get('/api/katas/hello-server')).body.draft.code, kept, 'stored exactly, and not replaced');
  });

  it('bytes that are not UTF-8 are refused rather than stored as U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"code": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const res = await fetch(`${server.url}/api/katas/hello-server/draft`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /not valid UTF-8/);
  });
});

describe('type checking', () => {
  it('a submission whose types keep the checker busy is cut off and says so, and others still get their type errors', async () => {
    const attacker = await learnerWithCookie(server.url);
    const other = await learnerWithCookie(server.url);
    const typeErrors = (events: ServerEvent[]): Array<{ line: number; message: string }> =>
      events.filter((e) => e.event === 'diagnostics').flatMap((e) => e.data.diagnostics.filter((d: { kind: string }) => d.kind === 'type'));
    const bomb = await attacker.post('/api/katas/hello-server/submissions', { code: helloTypeBomb });
    assert.equal(bomb.status, 202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    const mine = await other.post('/api/katas/hello-server/submissions', { code: helloTypeError });
    const myEvents = await other.events(`/api/submissions/${mine.body.id}/events`, { ms: 60_000 });
    assert.deepEqual(typeErrors(myEvents).map((d) => d.line), [3], 'the other learner\'s type error is reported');
    // Left alone, the bomb keeps TypeScript busy for minutes; one check may run for 5 s.
    assert.ok(performance.now() - started < 30_000, `the other learner's type errors took ${Math.round(performance.now() - started)} ms`);

    const bombEvents = await attacker.events(`/api/submissions/${bomb.body.id}/events`, { ms: 60_000 });
    assert.equal(bombEvents.find((e) => e.event === 'verdict')!.data.status, 'passed', 'the code still runs and is scored');
    const skipped = typeErrors(bombEvents);
    assert.equal(skipped.length, 1);
    assert.match(skipped[0]!.message, /^type check skipped: too complex/);
    const stored = await attacker.get(`/api/submissions/${bomb.body.id}`);
    assert.deepEqual(stored.body.result.diagnostics.map((d: { message: string }) => d.message), [skipped[0]!.message], 'and that is what is stored');

    const again = await other.post('/api/katas/hello-server/submissions', { code: helloTypeError });
    const againEvents = await other.events(`/api/submissions/${again.body.id}/events`, { ms: 60_000 });
    assert.deepEqual(typeErrors(againEvents).map((d) => d.line), [3], 'the checker was replaced and checks again');
  });
});

describe('rate limits', () => {
  it('count only what the server accepted: submits answered 503 (busy) use up nothing', async () => {
    const busy = await startTestServer({ runner: { concurrency: 1, queueLimit: 0 }, rateLimits: { submit: { max: 5, windowMs: 60_000 } } });
    try {
      const blocker = await learnerWithCookie(busy.url);
      const learner = await learnerWithCookie(busy.url);
      // Never listens: holds the only run slot for the kata's listen limit (3 s).
      const blocking = blocker.post('/api/katas/hello-server/submissions?wait=true', { code: 'setInterval(() => {}, 1000);\n' });
      while ((await learner.get('/api/health')).body.runner.running === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const refused: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await learner.post('/api/katas/hello-server/submissions', { code: helloCorrect });
        refused.push(res.status);
      }
      assert.deepEqual(refused, Array(8).fill(503), 'every submit while the slot is taken is refused as busy, none as over the limit');
      assert.equal((await blocking).body.status, 'did_not_listen');
      const accepted: number[] = [];
      for (let i = 0; i < 6; i++) accepted.push((await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect })).status);
      assert.deepEqual(accepted, [201, 201, 201, 201, 201, 429], 'the whole allowance is left, and it still holds');
    } finally {
      await busy.close();
    }
  });
});

describe('identities', () => {
  const madeUp = () => crypto.randomBytes(32).toString('base64url');
  const cookieOf = (reply: { headers: Headers }) => reply.headers.get('set-cookie')?.split(';')[0];

  it('only ids the server issued count: a client making up a new one for each request is limited by its address', async () => {
    const limited = await startTestServer({ rateLimits: { submit: { max: 3, windowMs: 60_000 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        // An invalid body still counts against the allowance, and starts no run.
        const res = await new Learner(limited.url).request('POST', '/api/katas/hello-server/submissions', {}, { cookie: `katabox_learner=${madeUp()}` });
        statuses.push(res.status);
        assert.ok(cookieOf(res), 'a made-up id is replaced by one the server issues');
      }
      assert.deepEqual(statuses, [400, 400, 400, 429, 429]);

      const forged = await new Learner(limited.url).request('GET', '/api/katas', undefined, { cookie: `katabox_learner=${madeUp()}.${madeUp()}` });
      assert.ok(cookieOf(forged), 'a forged signature is no identity either');
    } finally {
      await limited.close();
    }
  });

  it('issuing new ids is limited per address, and learners who hold one are not', async () => {
    const limited = await startTestServer({ rateLimits: { identity: { max: 3, windowMs: 60_000 } } });
    try {
      const holder = await learnerWithCookie(limited.url);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await new Learner(limited.url).get('/api/katas')).status);
      assert.deepEqual(statuses, [200, 200, 429]);
      const refused = await new Learner(limited.url).get('/');
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error, 'too_many_requests');
      assert.match(refused.body.message, /new learner ids/);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal((await holder.put('/api/katas/hello-server/draft', { code: 'mine' })).status, 200);
    } finally {
      await limited.close();
    }
  });

  it('an unsigned id from before ids were signed keeps its work, re-issued signed at its first use; the secret outlives a restart', async () => {
    const db = path.join(tempDir('legacy'), 'katabox.db');
    const legacy = madeUp();
    const store = await openStore(db);
    await store.saveDraft(crypto.createHash('sha256').update(legacy).digest('base64url'), 'hello-server', '// my old work');
    await store.close();
    let first: TestServer | undefined;
    let second: TestServer | undefined;
    try {
      first = await startTestServer({ db });
      const page = await new Learner(first.url).request('GET', '/api/katas/hello-server', undefined, { cookie: `katabox_learner=${legacy}` });
      assert.equal(page.body.draft.code, '// my old work');
      const signed = cookieOf(page)!;
      assert.ok(signed.startsWith(`katabox_learner=${legacy}.`), signed);
      const unsigned = { cookie: `katabox_learner=${legacy}` };
      const atOnce = await new Learner(first.url).request('GET', '/api/katas', undefined, unsigned);
      assert.ok(cookieOf(atOnce)!.startsWith(`katabox_learner=${legacy}.`), 'a request the browser sent at the same moment keeps the id too');
      // A minute later, the unsigned form is no longer honoured.
      const clock = new SqliteDatabase(db);
      clock.prepare('UPDATE claimed_learners SET claimed_at = ?').run(new Date(Date.now() - 120_000).toISOString());
      clock.close();
      const replayed = await new Learner(first.url).request('GET', '/api/katas/hello-server', undefined, unsigned);
      assert.equal(replayed.body.draft, null, 'the unsigned form is honoured once');
      const unknown = await new Learner(first.url).request('GET', '/api/katas/hello-server', undefined, { cookie: `katabox_learner=${madeUp()}` });
      assert.equal(unknown.body.draft, null, 'an unsigned id with nothing stored is no identity');
      await first.close();
      first = undefined;

      second = await startTestServer({ db });
      const again = await new Learner(second.url).request('GET', '/api/katas/hello-server', undefined, { cookie: signed });
      assert.equal(again.body.draft.code, '// my old work', 'the signed cookie still works after a restart');
      assert.equal(cookieOf(again), undefined, 'and needs no new cookie');
    } finally {
      await first?.close();
      await second?.close();
    }
  });
});

describe('storage quotas', () => {
  it('refuse a write that would pass a quota with 429 or 413, and keep what is stored', async () => {
    const quotas = { drafts: 2, submissionsPerKataPerDay: 2, bytes: 30_000 };
    const limited = await startTestServer({ quotas });
    try {
      const drafter = await learnerWithCookie(limited.url);
      assert.equal((await drafter.put('/api/katas/hello-server/draft', { code: 'one' })).status, 200);
      assert.equal((await drafter.put('/api/katas/parse-url/draft', { code: 'two' })).status, 200);
      const third = await drafter.put('/api/katas/mini-router/draft', { code: 'three' });
      assert.equal(third.status, 429);
      assert.equal(third.body.error, 'quota_exceeded');
      assert.match(third.body.message, /drafts of 2 katas/);
      assert.equal((await drafter.put('/api/katas/hello-server/draft', { code: 'x'.repeat(25_000) })).status, 200, 'a draft already kept may change');
      const big = await drafter.put('/api/katas/parse-url/draft', { code: 'y'.repeat(10_000) });
      assert.equal(big.status, 413);
      assert.equal(big.body.error, 'quota_exceeded');
      assert.equal((await drafter.get('/api/katas/parse-url')).body.draft.code, 'two', 'the stored draft is kept');
      assert.equal((await drafter.get('/api/katas/hello-server')).body.draft.code.length, 25_000);

      const submitter = await learnerWithCookie(limited.url);
      for (let i = 0; i < 2; i++) assert.equal((await submitter.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect })).status, 201);
      const over = await submitter.post('/api/katas/hello-server/submissions', { code: helloCorrect });
      assert.equal(over.status, 429);
      assert.equal(over.body.error, 'quota_exceeded');
      assert.equal((await submitter.get('/api/katas/hello-server/submissions')).body.submissions.length, 2);
      assert.equal((await submitter.post('/api/katas/hello-server/run', { code: helloCorrect })).status, 200, 'Run stores nothing and still works');
    } finally {
      await limited.close();
    }
  });
});

describe('bounded verdicts', () => {
  it('keep the first 100 type errors and count the rest, so the stored submission stays small', async () => {
    const learner = await learnerWithCookie(server.url);
    const code = helloManyTypeErrors(5000);
    const res = await learner.post('/api/katas/hello-server/submissions', { code });
    const events = await learner.events(`/api/submissions/${res.body.id}/events`, { ms: 60_000 });
    const sent = events.filter((e) => e.event === 'diagnostics').flatMap((e) => e.data.diagnostics);
    assert.equal(sent.length, 101);
    assert.equal(sent[100].message, '…and 4900 more not shown: only the first 100 are kept');
    const stored = await learner.get(`/api/submissions/${res.body.id}`);
    assert.equal(stored.body.result.diagnostics.length, 101);
    assert.ok(stored.text.length - code.length < 256 * 1024, `the submission is ${stored.text.length} characters with its code`);
  });

  it('stay under 256 KB whatever the code prints and answers, and say what was shortened', async () => {
    const learner = await learnerWithCookie(server.url);
    const res = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloVerbose });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'passed');
    assert.match(res.body.result.message, /too large to keep whole; shortened: the output/);
    const db = new SqliteDatabase(server.db, { readonly: true });
    try {
      const stored = db.prepare('SELECT length(CAST(result AS BLOB)) FROM submissions WHERE public_id = ?').pluck().get(res.body.id) as number;
      assert.ok(stored < 256 * 1024, `the stored verdict is ${stored} bytes`);
    } finally {
      db.close();
    }
  });
});
