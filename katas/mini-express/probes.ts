import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

interface Todo {
  id: number;
  title: string;
  done: boolean;
}

const NOT_FOUND = { error: 'Not Found' };

function expectJson(res: HttpResponse, status: number, what: string, hint: string): unknown {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res, `Content-Type for ${what}`).toHaveContentType('application/json', "every response is JSON: { 'Content-Type': 'application/json' }");
  return res.json<unknown>();
}

function randomTitle(rand: Rand): string {
  return `${rand.pick(['Buy', 'Call', 'Write', 'Fix', 'Read'])} ${rand.word(3, 8)} ${rand.int(1, 99)}`;
}

async function create(http: Http, rand: Rand): Promise<Todo> {
  const title = randomTitle(rand);
  const data = expectJson(await http.post('/todos', { title }), 201, 'POST /todos', 'POST /todos with a title answers 201 Created') as Todo;
  expect(data, 'created todo').toSatisfy((t) => typeof t === 'object' && t !== null && Number.isInteger(t.id), 'an object with an integer id', 'answer the new todo: { id, title, done }');
  expect(data, 'created todo').toEqual({ id: data.id, title, done: false }, 'a new todo is exactly { id, title, done: false }');
  return data;
}

async function list(http: Http, query = ''): Promise<Todo[]> {
  const data = expectJson(await http.get(`/todos${query}`), 200, `GET /todos${query}`, 'GET /todos answers 200 with an array of todos');
  if (!Array.isArray(data)) fail(`GET /todos${query} should answer a JSON array, got ${JSON.stringify(data)}`);
  return data as Todo[];
}

async function markDone(http: Http, id: number): Promise<Todo> {
  const res = await http.request({ method: 'POST', path: `/todos/${id}/done` });
  const hint =
    res.status === 415
      ? 'POST /todos/:id/done has no body: use the JSON body parser on POST /todos only (route-level middleware), not for every POST'
      : res.status === 404
        ? PARAM_HINT(id)
        : 'POST /todos/:id/done answers 200 with the updated todo';
  return expectJson(res, 200, `POST /todos/${id}/done`, hint) as Todo;
}

function expectError(res: HttpResponse, status: number, error: string, what: string, hint: string, bodyHint = `answer { "error": "${error}" }`): void {
  const data = expectJson(res, status, what, hint);
  expect(data, `body for ${what}`).toEqual({ error }, bodyHint);
}

const PARAM_HINT = (id: number) => `todo ${id} exists: req.params.id is the string "${id}", so convert it (Number) before looking it up in a Map keyed by numbers`;

/** GET /todos/:id of a todo that exists. */
async function read(http: Http, id: number, what: string, missingHint = PARAM_HINT(id)): Promise<Todo> {
  const res = await http.get(`/todos/${id}`);
  return expectJson(res, 200, `GET /todos/${id}${what ? ` ${what}` : ''}`, res.status === 404 ? missingHint : 'GET /todos/:id answers 200 with the todo') as Todo;
}

probe('create-list', { name: 'POST /todos creates, GET /todos lists', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const todo = await create(http, rand);
  const all = await list(http);
  expect(all.some((t) => t.id === todo.id && t.title === todo.title), `GET /todos holds ${JSON.stringify(todo)}`).toBe(true, 'store the todo so GET /todos lists it');
});

probe('get-by-id', { name: 'GET /todos/:id finds a todo by its id param', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const todo = await create(http, rand);
  expect(await read(http, todo.id, ''), `GET /todos/${todo.id}`).toEqual(todo, 'answer the todo as it was created');
});

probe('mark-done', { name: 'POST /todos/:id/done marks a todo done', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const todo = await create(http, rand);
  const updated = await markDone(http, todo.id);
  expect(updated, `POST /todos/${todo.id}/done`).toEqual({ ...todo, done: true }, 'answer the todo with done: true');
  expect((await read(http, todo.id, 'afterwards')).done, 'done, read back').toBe(true, 'store the change, not just the answer');
  const missing = `/todos/${rand.int(100000, 999999)}/done`;
  expectError(await http.request({ method: 'POST', path: missing }), 404, 'Not Found', `POST ${missing}`, 'no such todo: 404');
});

probe('not-found', { name: 'unknown ids, paths and methods get 404', weight: 2 }, async ({ http, rand, note }) => {
  const todo = await read(http, (await create(http, rand)).id, '');
  const cases: Array<[method: string, path: string, hint: string]> = [
    ['GET', `/todos/${rand.int(100000, 999999)}`, 'no todo has this id: 404'],
    ['GET', `/todos/${rand.word(3, 6)}`, 'an id that is not a number names no todo: 404 (not 500, not 400)'],
    ['GET', `/${rand.word(6, 9)}`, 'no route has this path: 404'], // never /todos or /debug
    ['GET', `/todos/${todo.id}/done`, '/todos/:id/done is a POST route; /todos/:id has one segment less: a route matches only a path with the same number of segments, and only its own method'],
    [rand.pick(['DELETE', 'PUT', 'PATCH']), `/todos/${todo.id}`, 'app.get registers GET only: any other method on that path falls through to the 404'],
    ['PUT', '/todos', 'app.post and app.get register their method only: PUT /todos falls through to the 404'],
  ];
  for (const [method, path, hint] of cases) {
    note(`${method} ${path}`);
    expectError(await http.request({ method, path }), 404, 'Not Found', `${method} ${path}`, hint);
  }
  const gone = `todo ${todo.id} was created before these requests and none of them may touch it: a route answers only its own method and path`;
  expect(await read(http, todo.id, 'after the 404s', gone), `GET /todos/${todo.id} after the 404s`).toEqual(todo, 'a request that got 404 must not have changed anything');
});

probe('filter-done', { name: 'GET /todos?done=true|false filters', weight: 2 }, async ({ http, rand, note }) => {
  const made = [await create(http, rand), await create(http, rand), await create(http, rand), await create(http, rand)];
  const finished = rand.shuffle(made).slice(0, 2);
  for (const t of finished) await markDone(http, t.id);
  note(`marked ${finished.map((t) => t.id).join(' and ')} done`);
  const done = await list(http, '?done=true');
  const open = await list(http, '?done=false');
  const hint = 'the query string holds text: compare req.query done with "true" and "false", not with the booleans';
  for (const t of made) {
    const isDone = finished.includes(t);
    expect(done.some((d) => d.id === t.id), `todo ${t.id} in GET /todos?done=true`).toBe(isDone, hint);
    expect(open.some((d) => d.id === t.id), `todo ${t.id} in GET /todos?done=false`).toBe(!isDone, hint);
  }
  expect(done.every((t) => t.done === true), 'every todo of ?done=true is done').toBe(true, hint);
});

probe('title-required', { name: 'a missing or empty title gets 400' }, async ({ http, rand, note }) => {
  const before = (await list(http)).length;
  for (const body of rand.shuffle<unknown>([{}, { title: '' }, { title: rand.int(1, 99) }, [randomTitle(rand)]]).slice(0, 2)) {
    note(`POST /todos ${JSON.stringify(body)}`);
    expectError(await http.post('/todos', body), 400, 'title is required', `POST /todos ${JSON.stringify(body)}`, 'a todo needs a non-empty string title: 400 through the error handler');
  }
  expect((await list(http)).length, 'number of todos').toBe(before, 'a refused request stores nothing');
});

probe('invalid-json', { name: 'malformed JSON gets 400' }, async ({ http, rand }) => {
  const body = rand.pick([`{"title": ${rand.word()}}`, `{"title": "${rand.word()}"`, '']);
  const res = await http.request({ method: 'POST', path: '/todos', body, headers: { 'Content-Type': 'application/json' } });
  expectError(res, 400, 'Invalid JSON', `POST /todos with the body ${JSON.stringify(body)}`, 'the body parser answers a body JSON.parse rejects (an empty one included) with 400 "Invalid JSON"');
});

probe('json-only', { name: 'a body that is not JSON gets 415' }, async ({ http, rand }) => {
  const type = rand.pick(['text/plain', 'application/x-www-form-urlencoded']);
  const res = await http.request({ method: 'POST', path: '/todos', body: `title=${rand.word()}`, headers: { 'Content-Type': type } });
  expectError(res, 415, 'Unsupported Media Type', `POST /todos with Content-Type: ${type}`, 'the body parser only takes application/json');
});

probe('body-limit', { name: 'a body over 4096 bytes gets 413' }, async ({ http, rand }) => {
  const title = rand.string(4096 + rand.int(1, 3000), 'abcdefghij');
  const res = await http.post('/todos', { title });
  expectError(res, 413, 'Payload Too Large', `POST /todos with a ${title.length + 12}-byte body`, 'the body parser refuses bodies over 4096 bytes with 413');
});

probe('request-id', { name: 'every response carries its own X-Request-Id', weight: 2 }, async ({ http, rand, note }) => {
  const responses: Array<[string, HttpResponse]> = [
    ['GET /todos', await http.get('/todos')],
    ['POST /todos', await http.post('/todos', { title: randomTitle(rand) })],
    ['POST /todos (400)', await http.post('/todos', {})],
    [`GET /${rand.word(3, 7)} (404)`, await http.get(`/${rand.word(3, 7)}`)],
  ];
  const seen = new Set<string>();
  for (const [what, res] of responses) {
    const id = res.headers['x-request-id'];
    note(`${what}: ${String(id)}`);
    expect(id, `X-Request-Id of ${what}`).toSatisfy(
      (v) => typeof v === 'string' && v !== '',
      'a non-empty header',
      'register the request-id middleware with app.use before the routes: it must run for every request, routed, refused or unknown',
    );
    if (seen.has(id as string)) fail(`${what} got the X-Request-Id ${String(id)} of an earlier request: make a new id per request`);
    seen.add(id as string);
  }
});

probe('errors-500', { name: 'thrown and rejected errors become a 500, and the API lives on', weight: 3 }, async ({ http, sleep, alive }) => {
  for (const path of ['/debug/crash', '/debug/crash-async']) {
    let res: HttpResponse;
    try {
      res = await http.request({ path, timeoutMs: 2500 });
    } catch (err) {
      return fail(`GET ${path} got no answer (${(err as Error).message}) — send what a handler throws, and the rejection of the promise it returns, to the error handler`);
    }
    expectError(
      res,
      500,
      'Internal Server Error',
      `GET ${path}`,
      path.endsWith('async') ? 'the async handler\'s promise rejects: catch it (.catch(next)) and hand it to the error handler' : 'a handler that throws goes to the error handler, which answers 500',
      'an error without a 4xx status is the server\'s own: answer the fixed { "error": "Internal Server Error" } and keep its message for the log',
    );
  }
  await sleep(100);
  expect(await alive(), 'server still running').toBe(true, 'a failing handler must not end the process');
  await list(http);
});
