import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

interface User {
  id: number;
  name: string;
}

function expectJson(res: HttpResponse, status: number, what: string): unknown {
  expect(res.status, `status for ${what}`).toBe(status, statusHint(status));
  expect(res, `Content-Type for ${what}`).toHaveContentType(
    'application/json',
    "every response of this API is JSON: { 'Content-Type': 'application/json' }",
  );
  return res.json<unknown>();
}

function statusHint(status: number): string {
  switch (status) {
    case 200:
      return 'a known route answers 200';
    case 201:
      return 'creating a user answers 201 Created';
    case 400:
      return 'bad input to POST /users answers 400';
    default:
      return 'no route for this method and pathname answers 404';
  }
}

/** GET /users, checked, with the users sorted by id. */
async function listUsers(http: Http, path = '/users'): Promise<User[]> {
  const data = expectJson(await http.get(path), 200, `GET ${path}`);
  if (!Array.isArray(data)) fail(`GET ${path} should answer a JSON array of users, got ${JSON.stringify(data)}`);
  return (data as User[]).slice().sort((a, b) => a.id - b.id);
}

async function createUser(http: Http, name: string, path = '/users'): Promise<User> {
  const data = expectJson(await http.post(path, { name }), 201, `POST ${path}`) as User;
  expect(data, `created user`).toSatisfy(
    (u) => typeof u === 'object' && u !== null && Number.isInteger(u.id) && u.id >= 1,
    'an object with an integer id (1 or more)',
    'answer the stored user: { id, name }',
  );
  expect(data, 'created user').toEqual({ id: data.id, name }, 'the new user is exactly { id, name } with the name that was sent');
  return data;
}

function expectNotFound(res: HttpResponse, what: string, pathname: string): void {
  const data = expectJson(res, 404, what);
  expect(data, `body for ${what}`).toEqual(
    { error: 'Not Found', path: pathname },
    'answer { error: "Not Found", path } where path is the pathname, without the query string',
  );
}

/** A one-segment path that is not a route. */
function unknownPath(rand: Rand): string {
  const word = rand.word(3, 8);
  return word === 'users' || word === 'health' ? `/${word}x` : `/${word}`;
}

function randomName(rand: Rand): string {
  return `${rand.name()} ${rand.word(3, 6)}`;
}

probe('list-users', { name: 'GET /users answers a JSON array', visibility: 'sample' }, async ({ http }) => {
  await listUsers(http);
});

probe('create-user', { name: 'POST /users creates a user', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const name = randomName(rand);
  const user = await createUser(http, name);
  const all = await listUsers(http);
  expect(
    all.some((u) => u.id === user.id && u.name === name),
    `GET /users lists {"id":${user.id},"name":${JSON.stringify(name)}}`,
  ).toBe(true, 'store the user (in a Map) so that GET /users returns it');
});

probe('health', { name: 'GET /health reports ok and the uptime', visibility: 'sample' }, async ({ http, sleep }) => {
  const first = expectJson(await http.get('/health'), 200, 'GET /health') as { status?: unknown; uptime?: unknown };
  expect(first.status, 'status field').toBe('ok', 'answer { status: "ok", uptime }');
  expect(first.uptime, 'uptime').toSatisfy(
    (u) => typeof u === 'number' && Number.isFinite(u) && u >= 0,
    'a number of seconds (0 or more)',
    'process.uptime() gives the seconds since the process started',
  );
  // Over a second, so that even an uptime rounded to whole seconds must move.
  await sleep(1100);
  const second = expectJson(await http.get('/health'), 200, 'GET /health') as { uptime?: unknown };
  const before = first.uptime as number;
  expect(second.uptime, 'uptime 1.1 s later').toSatisfy(
    (u) => typeof u === 'number' && u > before,
    `a number larger than ${before}`,
    'uptime should be measured on each request (process.uptime() in the handler), not once when the server starts',
  );
  expect((second.uptime as number) - before, 'growth of uptime over 1.1 s').toSatisfy(
    (d) => d <= 30,
    'about 1 (seconds)',
    'uptime is in seconds: process.uptime() already is; Date.now() or performance.now() differences are milliseconds',
  );
});

probe('name-required', { name: 'missing or empty name gets 400', weight: 2 }, async ({ http, rand, note }) => {
  const before = (await listUsers(http)).length;
  // null and a bare string are valid JSON without a name: reading .name on null throws.
  const bodies = rand.shuffle<unknown>([{}, { name: '' }, { [`full_${rand.word()}`]: rand.name() }, null, rand.name()]);
  for (const body of bodies) {
    note(`POST /users ${JSON.stringify(body)}`);
    const hint =
      body === null || typeof body !== 'object'
        ? `${JSON.stringify(body)} is valid JSON but not an object: check the parsed value is an object before reading its name (destructuring null throws)`
        : 'answer { error: "name is required" } when name is missing or empty';
    const res = await http.post('/users', body);
    expect(res.status, `status for POST /users ${JSON.stringify(body)}`).toBe(400, hint);
    const data = expectJson(res, 400, `POST /users ${JSON.stringify(body)}`);
    expect(data, 'body').toEqual({ error: 'name is required' }, 'answer { error: "name is required" } when name is missing or empty');
  }
  const after = (await listUsers(http)).length;
  expect(after, 'number of users after the rejected requests').toBe(before, 'a rejected request must not store anything');
});

probe('malformed-400', { name: 'malformed JSON gets 400' }, async ({ http, rand, note }) => {
  const before = (await listUsers(http)).length;
  const name = rand.name();
  const bodies = [rand.pick([`{"name": "${name}"`, `{name: "${name}"}`, `{"name": ${rand.word()}}`]), ''];
  for (const body of bodies) {
    note(`POST /users with the body ${JSON.stringify(body)}`);
    const res = await http.request({ method: 'POST', path: '/users', body, headers: { 'content-type': 'application/json' } });
    const data = expectJson(res, 400, `POST /users with the body ${JSON.stringify(body)}`);
    expect(data, 'body').toEqual(
      { error: 'name is required' },
      'a body that is not JSON (or is empty) cannot hold a name: catch the JSON.parse error and answer 400',
    );
  }
  expect((await listUsers(http)).length, 'number of users').toBe(before, 'a rejected request must not store anything');
});

probe('ids-in-order', { name: 'ids count up from 1 in creation order', weight: 2 }, async ({ http, rand, note }) => {
  const existing = await listUsers(http);
  expect(
    existing.map((u) => u.id),
    'ids of the users already stored',
  ).toEqual(
    existing.map((_u, i) => i + 1),
    'ids start at 1 and go up by one per user created',
  );
  const names = [randomName(rand), randomName(rand), randomName(rand)];
  note(`${existing.length} users existed; creating ${JSON.stringify(names)}, with a rejected POST (empty name) after the first`);
  const created: User[] = [];
  created.push(await createUser(http, names[0]!));
  expectJson(await http.post('/users', { name: '' }), 400, 'POST /users {"name":""}');
  for (const name of names.slice(1)) created.push(await createUser(http, name));
  expect(
    created.map((u) => u.id),
    'ids of the new users',
  ).toEqual(
    [existing.length + 1, existing.length + 2, existing.length + 3],
    'each new user takes the next integer id, and a rejected request takes none: increment the counter only when a user is stored',
  );
  const all = await listUsers(http);
  expect(all.length, 'number of users in GET /users').toBe(existing.length + 3, 'GET /users lists every user ever created');
});

probe('unknown-path-404', { name: 'unknown paths get 404 with the pathname', weight: 2 }, async ({ http, rand, note }) => {
  const requests: Array<[method: string, path: string]> = [
    ['GET', unknownPath(rand)],
    ['GET', `/users/${rand.int(1, 50)}`],
    [rand.pick(['POST', 'PUT', 'DELETE']), `/${rand.word(3, 6)}/${rand.word(3, 6)}`],
  ];
  for (const [method, path] of rand.shuffle(requests)) {
    note(`${method} ${path}`);
    expectNotFound(await http.request({ method, path }), `${method} ${path}`, path);
  }
});

probe('unknown-method-404', { name: 'unknown method on a known path gets 404' }, async ({ http, rand, note }) => {
  const pairs = rand.shuffle<[string, string]>([
    ['PUT', '/users'],
    ['PATCH', '/users'],
    ['DELETE', '/users'],
    ['POST', '/health'],
    ['DELETE', '/health'],
  ]);
  // Every pair on every seed: a router that gives one of them a handler must fail whatever the seed.
  for (const [method, path] of pairs) {
    note(`${method} ${path}`);
    const withBody = method !== 'DELETE';
    const res = await http.request({ method, path, json: withBody ? { name: randomName(rand) } : undefined });
    expectNotFound(res, `${method} ${path}`, path);
  }
});

probe('query-ignored', { name: 'the query string is ignored when routing', weight: 2 }, async ({ http, rand, note }) => {
  const q = () => `?${rand.word(2, 6)}=${rand.word(2, 6)}`;
  const listPath = `/users${q()}`;
  note(`GET ${listPath}`);
  await listUsers(http, listPath);

  const createPath = `/users${q()}`;
  note(`POST ${createPath}`);
  await createUser(http, randomName(rand), createPath);

  const healthPath = `/health${q()}`;
  note(`GET ${healthPath}`);
  const health = expectJson(await http.get(healthPath), 200, `GET ${healthPath}`) as { status?: unknown };
  expect(health.status, 'status field').toBe('ok');

  const unknown = unknownPath(rand);
  const path = `${unknown}${q()}`;
  note(`GET ${path}`);
  expectNotFound(await http.get(path), `GET ${path}`, unknown);
});
