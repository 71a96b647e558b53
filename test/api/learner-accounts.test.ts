// Learner accounts: sign-up takes over the cookie learner's work, a second device sees it, sign-in
// from a browser with work of its own merges that in, sign-out starts afresh; CSRF, roles, rate
// limits and bad input. All through the real server and its SQLite file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, createAssignment, signedIn, Staff } from './accounts.js';
import { startTestServer, type Reply, type TestServer } from './server.js';
import { helloCorrect } from './solutions.js';

const PASSWORD = 'learner long password';
const LEARNER_COOKIE = 'katabox_learner';

let server: TestServer;
before(async () => {
  server = await startTestServer({ rateLimits: { login: { max: 100, windowMs: 60_000 }, signUp: { max: 100, windowMs: 60_000 } } });
  addUser(server.db, 'ivy@example.test', 'interviewer');
});
after(() => server.close());

/** Signs up from this client; it then sends the session's CSRF token with `send`. */
async function signUp(client: Staff, email: string, password = PASSWORD): Promise<Reply> {
  const res = await client.post('/api/signup', { email, password });
  if (res.status === 201) client.csrfToken = res.body.csrfToken;
  return res;
}

/** A browser that has opened the catalog, so it holds a learner cookie. */
async function browser(): Promise<Staff> {
  const client = new Staff(server.url);
  assert.equal((await client.get('/api/katas')).status, 200);
  assert.ok(client.cookieValue(LEARNER_COOKIE), 'a learner cookie');
  return client;
}

const draftOf = async (client: Staff, slug: string) => (await client.get(`/api/katas/${slug}`)).body.draft?.code ?? null;
const historyOf = async (client: Staff, slug: string) => (await client.get(`/api/katas/${slug}/submissions`)).body.submissions as Array<{ id: string; status: string; score: number }>;

describe('signing up', () => {
  let laptop: Staff;
  let submissionId: string;

  before(async () => {
    laptop = await browser();
    await laptop.put('/api/katas/hello-server/draft', { code: 'draft from the laptop' });
    await laptop.put('/api/katas/read-json-body/draft', { code: 'reading json' });
    const submitted = await laptop.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect });
    assert.equal(submitted.status, 201, submitted.text);
    submissionId = submitted.body.id;
  });

  it("moves the cookie learner's drafts and history into the new account, and ends the cookie", async () => {
    const cookie = laptop.cookieValue(LEARNER_COOKIE);
    const res = await signUp(laptop, 'lee@example.test');
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.account.email, 'lee@example.test');
    assert.equal(res.body.account.role, 'learner');
    assert.deepEqual(res.body.moved, { drafts: 2, submissions: 1, combined: [] });
    assert.equal(laptop.cookieValue(LEARNER_COOKIE), undefined, 'the learner cookie is cleared');
    assert.match(laptop.cookieValue('katabox_session') ?? '', /^[A-Za-z0-9_-]{43}$/);

    assert.equal(await draftOf(laptop, 'hello-server'), 'draft from the laptop');
    assert.equal(await draftOf(laptop, 'read-json-body'), 'reading json');
    assert.deepEqual((await historyOf(laptop, 'hello-server')).map((s) => [s.id, s.status, s.score]), [[submissionId, 'passed', 100]]);
    const catalog = (await laptop.get('/api/katas')).body;
    assert.equal(catalog.katas.find((k: { slug: string }) => k.slug === 'hello-server').progress.status, 'solved');
    assert.equal(laptop.cookieValue(LEARNER_COOKIE), undefined, 'a signed-in learner gets no new cookie');

    // Moved, not copied: the old cookie, replayed, is an empty identity.
    const replay = new Staff(server.url);
    replay.cookie = `${LEARNER_COOKIE}=${cookie}`;
    assert.equal(await draftOf(replay, 'hello-server'), null);
    assert.deepEqual(await historyOf(replay, 'hello-server'), []);
    assert.equal((await replay.get(`/api/submissions/${submissionId}`)).status, 404);
  });

  it('shows the same drafts and history on a second device once signed in there', async () => {
    const phone = new Staff(server.url);
    const res = await phone.login('lee@example.test', PASSWORD);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.moved, { drafts: 0, submissions: 0, combined: [] }, 'this device had nothing of its own');
    assert.equal(await draftOf(phone, 'hello-server'), 'draft from the laptop');
    const submission = await phone.get(`/api/submissions/${submissionId}`);
    assert.equal(submission.status, 200);
    assert.equal(submission.body.code, helloCorrect);
    const events = await phone.events(`/api/submissions/${submissionId}/events`);
    assert.equal(events.find((e) => e.event === 'verdict')?.data.score, 100);

    // A change on the phone (with its CSRF token) is what the laptop sees next.
    assert.equal((await phone.send('PUT', '/api/katas/hello-server/draft', { code: 'typed on the phone' })).status, 200);
    assert.equal(await draftOf(laptop, 'hello-server'), 'typed on the phone');
  });

  it('refuses an email that has an account already, in any case, and moves nothing then', async () => {
    const other = await browser();
    await other.put('/api/katas/parse-url/draft', { code: 'still mine' });
    const res = await signUp(other, 'LEE@example.test');
    assert.equal(res.status, 409);
    assert.equal(res.body.error, 'email_taken');
    assert.match(res.body.message, /has an account already: sign in instead/);
    assert.equal(await draftOf(other, 'parse-url'), 'still mine', 'the cookie keeps its work');
    assert.ok(other.cookieValue(LEARNER_COOKIE));
    assert.equal((await staffRoute(other)).status, 401, 'and is not signed in');
  });

  it('refuses bad input with a clear 400, and creates nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ email: 'not-an-email', password: PASSWORD }, /body\/email .*format/i],
      [{ email: `${'a'.repeat(250)}@example.test`, password: PASSWORD }, /body\/email .*254/],
      [{ email: 'short@example.test', password: 'too short' }, /body\/password .*10/],
      [{ email: 'long@example.test', password: 'x'.repeat(201) }, /body\/password .*200/],
      [{ email: 'missing@example.test' }, /password/],
      [{ email: 'extra@example.test', password: PASSWORD, role: 'admin' }, /"role"/],
    ];
    for (const [body, message] of cases) {
      const res = await new Staff(server.url).post('/api/signup', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error, 'bad_request');
      assert.match(res.body.message, message);
    }
    for (const email of ['short@example.test', 'long@example.test', 'extra@example.test']) {
      assert.equal((await new Staff(server.url).login(email, PASSWORD)).status, 401, `${email} has no account`);
    }
  });
});

describe('signing in from a browser with work of its own', () => {
  it('merges that work in; a draft on both sides keeps the newer and the older below it as a comment', async () => {
    const home = await browser();
    await home.put('/api/katas/hello-server/draft', { code: 'older, in the account' });
    await home.put('/api/katas/parse-url/draft', { code: 'parse-url, account only' });
    assert.equal((await signUp(home, 'mia@example.test')).status, 201);

    // A library computer, not signed in: one kata the account has, one it has not, and a submission.
    const library = await browser();
    await library.put('/api/katas/hello-server/draft', { code: 'newer, at the library\nsecond line' });
    await library.put('/api/katas/read-json-body/draft', { code: 'library only' });
    assert.equal((await library.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect })).status, 201);
    const res = await library.login('mia@example.test', PASSWORD);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.moved, { drafts: 2, submissions: 1, combined: ['hello-server'] });
    assert.equal(library.cookieValue(LEARNER_COOKIE), undefined);

    const merged = await draftOf(home, 'hello-server');
    assert.ok(merged.startsWith('newer, at the library\nsecond line\n'), merged);
    assert.match(merged, /\n\/\/ Katabox kept this older draft \(saved [0-9T:.-]+Z\) when you signed in/);
    assert.match(merged, /\n\/\/ older, in the account\n$/);
    assert.equal(await draftOf(home, 'read-json-body'), 'library only');
    assert.equal(await draftOf(home, 'parse-url'), 'parse-url, account only');
    assert.equal((await historyOf(home, 'hello-server')).length, 1);

    // And the other way round: the account's draft is the newer one.
    const cafe = await browser();
    await cafe.put('/api/katas/parse-url/draft', { code: 'older, at the cafe' });
    await home.send('PUT', '/api/katas/parse-url/draft', { code: 'newer, in the account' });
    assert.deepEqual((await cafe.login('mia@example.test', PASSWORD)).body.moved, { drafts: 1, submissions: 0, combined: ['parse-url'] });
    const second = await draftOf(home, 'parse-url');
    assert.ok(second.startsWith('newer, in the account\n'), second);
    assert.match(second, /\n\/\/ older, at the cafe\n$/);
  });

  it('keeps one copy when both drafts are the same code', async () => {
    const one = await browser();
    await one.put('/api/katas/parse-url/draft', { code: 'same code' });
    assert.equal((await signUp(one, 'sam@example.test')).status, 201);
    const two = await browser();
    await two.put('/api/katas/parse-url/draft', { code: 'same code' });
    assert.deepEqual((await two.login('sam@example.test', PASSWORD)).body.moved, { drafts: 1, submissions: 0, combined: [] });
    assert.equal(await draftOf(one, 'parse-url'), 'same code');
  });
});

describe('signing out', () => {
  it("returns to a fresh, empty identity that keeps none of the account's work", async () => {
    const client = await browser();
    const before = client.cookieValue(LEARNER_COOKIE);
    await client.put('/api/katas/hello-server/draft', { code: 'kept by the account' });
    assert.equal((await signUp(client, 'ola@example.test')).status, 201);
    assert.equal((await client.send('POST', '/api/logout')).status, 204);
    assert.equal((await client.get('/api/session')).status, 401);
    assert.equal(await draftOf(client, 'hello-server'), null);
    const fresh = client.cookieValue(LEARNER_COOKIE);
    assert.ok(fresh && fresh !== before, 'a new learner cookie');
    const again = new Staff(server.url);
    await again.login('ola@example.test', PASSWORD);
    assert.equal(await draftOf(again, 'hello-server'), 'kept by the account');
  });
});

/** A route only interviewers and admins may use. */
const staffRoute = (client: Staff) => client.get('/api/assignments');

describe('roles', () => {
  it('keeps a learner account out of every interviewer and admin route', async () => {
    const ivy = await signedIn(server.url, 'ivy@example.test');
    const { id } = await createAssignment(ivy);
    const learner = new Staff(server.url);
    assert.equal((await signUp(learner, 'nosy@example.test')).status, 201);
    const doc = (await learner.get('/api/docs')).body;
    // Every operation the OpenAPI document says needs an account, except the account's own.
    const own = new Set(['login', 'logout', 'getSession', 'signUp']);
    const routes = Object.entries(doc.paths as Record<string, Record<string, { operationId: string; security?: Array<Record<string, unknown>> }>>).flatMap(([route, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.security?.length === 1 && 'sessionCookie' in op.security[0]! && !own.has(op.operationId))
        .map(([method, op]) => ({ method: method.toUpperCase(), path: route.replace('{id}', id).replace('{slug}', 'hello-server').replace('{submission}', 'AAAAAAAAAAAAAAAA'), operationId: op.operationId })),
    );
    const ids = routes.map((r) => r.operationId);
    for (const fixed of ['listAccounts', 'createAccount', 'disableAccount', 'createAssignment', 'listAssignments', 'getAssignment', 'extendAssignment', 'cancelAssignment', 'exportAssignments']) {
      assert.ok(ids.includes(fixed), `${fixed} is among them: ${ids.join(', ')}`);
    }
    for (const route of routes) {
      const res = await learner.send(route.method, route.path.includes('export') ? `${route.path}?format=json` : route.path, route.method === 'GET' ? undefined : {});
      assert.equal(res.status, 403, `${route.method} ${route.path}: ${res.text}`);
      assert.match(res.body.message, /a learner account cannot use it/);
    }
    // What the learner tried left the assignment as it was; the interviewer still has it all.
    const seen = await ivy.get(`/api/assignments/${id}`);
    assert.equal(seen.status, 200);
    assert.deepEqual([seen.body.status, seen.body.minutes], ['created', 30]);
    assert.equal((await ivy.get('/api/accounts')).status, 403, 'an interviewer is still no admin');
  });

  it('lets an interviewer practise as a learner under the account, like a learner account', async () => {
    const office = await browser();
    await office.put('/api/katas/parse-url/draft', { code: 'practice before sign-in' });
    assert.equal((await office.login('ivy@example.test')).body.moved.drafts, 1);
    assert.equal(await draftOf(office, 'parse-url'), 'practice before sign-in');
    assert.equal((await office.put('/api/katas/parse-url/draft', { code: 'no token' })).status, 403);
    const elsewhere = await signedIn(server.url, 'ivy@example.test');
    assert.equal(await draftOf(elsewhere, 'parse-url'), 'practice before sign-in');
  });
});

describe('CSRF', () => {
  it("rejects every state-changing learner request made with an account's session but without its token", async () => {
    const client = await browser();
    const submitted = await client.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect });
    assert.equal((await signUp(client, 'csrf@example.test')).status, 201);
    await client.send('PUT', '/api/katas/hello-server/draft', { code: 'the real draft' });
    const other = new Staff(server.url);
    await other.login('csrf@example.test', PASSWORD);

    const changes: Record<string, [string, string, unknown]> = {
      saveDraft: ['PUT', '/api/katas/hello-server/draft', { code: 'forged' }],
      deleteDraft: ['DELETE', '/api/katas/hello-server/draft', undefined],
      runSamples: ['POST', '/api/katas/hello-server/run', { code: helloCorrect }],
      sendRequest: ['POST', '/api/katas/hello-server/request', { code: helloCorrect, request: { method: 'GET', path: '/', headers: [], body: '' } }],
      submitSolution: ['POST', '/api/katas/hello-server/submissions?wait=true', { code: 'forged' }],
      startPractice: ['POST', '/api/katas/hello-server/practice', undefined],
      stopPractice: ['DELETE', '/api/katas/hello-server/practice', undefined],
      rerunSubmission: ['POST', `/api/submissions/${submitted.body.id}/rerun`, undefined],
    };
    // The learner's routes are those without security of their own; every one that changes state is listed above.
    const doc = (await client.get('/api/docs')).body;
    const learnerChanges = Object.values(doc.paths as Record<string, Record<string, { operationId: string; security?: unknown }>>).flatMap((ops) =>
      Object.entries(ops).filter(([method, op]) => method !== 'get' && !op.security).map(([, op]) => op.operationId),
    );
    assert.deepEqual(learnerChanges.sort(), Object.keys(changes).sort());
    for (const [method, path, body] of Object.values(changes)) {
      for (const token of [undefined, 'wrong-token', other.csrfToken]) {
        const res = await client.request(method, path, body, token === undefined ? {} : { 'x-csrf-token': token });
        assert.equal(res.status, 403, `${method} ${path} with ${token ?? 'no token'}`);
        assert.match(res.body.message, /CSRF token/);
      }
    }
    assert.equal(await draftOf(client, 'hello-server'), 'the real draft');
    assert.equal((await historyOf(client, 'hello-server')).length, 1, 'nothing was submitted');
    assert.equal((await client.send('POST', `/api/submissions/${submitted.body.id}/rerun`)).status, 200, 'with the token it works');
  });
});

describe('rate limits', () => {
  it('limits sign-ups per address, counting invalid attempts too', async () => {
    const limited = await startTestServer({ rateLimits: { signUp: { max: 2, windowMs: 60_000 } } });
    try {
      const attempt = (body: unknown) => new Staff(limited.url).post('/api/signup', body);
      assert.equal((await attempt({ email: 'one@example.test', password: PASSWORD })).status, 201);
      assert.equal((await attempt({ email: 'bad', password: PASSWORD })).status, 400);
      const refused = await attempt({ email: 'three@example.test', password: PASSWORD });
      assert.equal(refused.status, 429);
      assert.match(refused.body.message, /Too many new accounts from this address/);
      assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal((await new Staff(limited.url).login('three@example.test', PASSWORD)).status, 401, 'no account was made');
      assert.equal((await new Staff(limited.url).login('one@example.test', PASSWORD)).status, 200, 'signing in is counted apart');
    } finally {
      await limited.close();
    }
  });

  it('limits sign-in to a learner account like any other', async () => {
    const limited = await startTestServer({ rateLimits: { login: { max: 2, windowMs: 60_000 } } });
    try {
      assert.equal((await signUp(new Staff(limited.url), 'kim@example.test')).status, 201);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await new Staff(limited.url).login('kim@example.test', 'wrong password here')).status);
      assert.deepEqual(statuses, [401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
