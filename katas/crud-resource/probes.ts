import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

interface Task {
  id: number | string;
  title: string;
  done: boolean;
}

/** Checks status and Content-Type, then parses the body. */
function expectJson(res: HttpResponse, status: number, what: string, hint: string): unknown {
  expect(res.status, `status of ${what}`).toBe(status, hint);
  expect(res, `Content-Type of ${what}`).toHaveContentType('application/json', "every answer but the 204 is JSON: 'Content-Type: application/json'");
  return res.json<unknown>();
}

function expectError(res: HttpResponse, status: number, what: string, hint: string): Record<string, unknown> {
  const data = expectJson(res, status, what, hint);
  if (typeof data !== 'object' || data === null || typeof (data as { error?: unknown }).error !== 'string') {
    fail(`the body of ${what} should be a JSON object with an "error" message, got ${JSON.stringify(data)}`);
  }
  return data as Record<string, unknown>;
}

function randomTitle(rand: Rand): string {
  return `${rand.pick(['Write', 'Review', 'Ship', 'Fix', 'Plan'])} ${rand.word(3, 8)} ${rand.pick(['today', 'soon', 'for ' + rand.name()])}`;
}

/** An id no server hands out: a counter never got this far, and random ids are not this shape. */
function unknownId(rand: Rand): string {
  return rand.bool() ? String(rand.int(900000, 999999)) : `zz${rand.word(4, 8)}`;
}

function taskPath(task: Task): string {
  return `/tasks/${encodeURIComponent(String(task.id))}`;
}

function expectTaskShape(data: unknown, what: string): Task {
  expect(data, what).toSatisfy(
    (t) => {
      const id = (t as { id?: unknown } | null)?.id;
      return typeof id === 'number' || (typeof id === 'string' && id !== '');
    },
    'an object with an id (a number or a non-empty string)',
    'a task is { id, title, done }',
  );
  return data as Task;
}

/** POST /tasks, checked for status and shape only (the Location header has its own probe). */
async function create(http: Http, body: { title: string; done?: boolean }): Promise<Task> {
  const res = await http.post('/tasks', body);
  const task = expectTaskShape(expectJson(res, 201, `POST /tasks ${JSON.stringify(body)}`, 'a POST that creates a task answers 201 Created'), 'the created task');
  expect(task, 'the created task').toEqual({ id: task.id, title: body.title, done: body.done ?? false }, 'answer the stored task: { id, title, done }, done being false when the body leaves it out');
  return task;
}

async function get(http: Http, task: Task): Promise<Task> {
  const path = taskPath(task);
  return expectJson(await http.get(path), 200, `GET ${path}`, 'a task that exists answers 200') as Task;
}

async function count(http: Http): Promise<number> {
  const data = expectJson(await http.get('/tasks'), 200, 'GET /tasks', 'GET /tasks answers 200 with an array');
  if (!Array.isArray(data)) fail(`GET /tasks should answer a JSON array, got ${JSON.stringify(data)}`);
  return data.length;
}

probe('create-201-location', { name: 'POST /tasks answers 201 with a Location', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const body = rand.bool() ? { title: randomTitle(rand) } : { title: randomTitle(rand), done: rand.bool() };
  const task = await create(http, body);
  const res = await http.post('/tasks', { title: randomTitle(rand) });
  const location = res.headers['location'];
  note(`Location: ${String(location)}`);
  expect(location, 'Location header').toSatisfy((l) => typeof l === 'string' && l !== '', 'a Location header', "say where the new task lives: res.writeHead(201, { Location: `/tasks/${id}`, ... })");
  const second = expectTaskShape(res.json(), 'the created task');
  const path = String(location).replace(/^https?:\/\/[^/]+/i, '');
  expect(path, 'Location').toBe(taskPath(second), "the Location of a new task is /tasks/<its id> (an absolute URL is fine too)");
  expect(await get(http, second), `GET ${path}`).toEqual(second, 'the Location must lead to the task that was just created');
  expect(await get(http, task), `GET ${taskPath(task)}`).toEqual(task, 'each task is stored under its own id');
});

probe('list-tasks', { name: 'GET /tasks lists every task', visibility: 'sample' }, async ({ http, rand }) => {
  const made = [await create(http, { title: randomTitle(rand) }), await create(http, { title: randomTitle(rand), done: true })];
  const data = expectJson(await http.get('/tasks'), 200, 'GET /tasks', 'GET /tasks answers 200');
  if (!Array.isArray(data)) fail(`GET /tasks should answer a JSON array, got ${JSON.stringify(data)}`);
  for (const task of made) {
    expect(data.some((t: Task) => t && t.id === task.id && t.title === task.title && t.done === task.done), `GET /tasks lists ${JSON.stringify(task)}`).toBe(true, 'the list holds every stored task as { id, title, done }');
  }
});

probe('validation-names-field', { name: 'a bad field gets 400 naming the field', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const before = await count(http);
  const badTitles = rand.shuffle<unknown>([rand.int(1, 999), true, [randomTitle(rand)], { text: randomTitle(rand) }]);
  const cases: Array<[body: Record<string, unknown>, field: string, why: string]> = [
    [{ title: badTitles[0] }, 'title', 'title must be a string — check its type with typeof, not just that it is truthy'],
    [rand.pick([{}, { title: '' }, { title: ' '.repeat(rand.int(1, 3)) }, { done: true }]), 'title', 'title is required and may not be empty or only spaces'],
    [{ title: randomTitle(rand), done: rand.pick<unknown>(['yes', 'true', 1, 0, 'false']) }, 'done', 'done must be a boolean: "true", 1 and "yes" are not'],
  ];
  for (const [body, field, why] of rand.shuffle(cases)) {
    note(`POST /tasks ${JSON.stringify(body)}`);
    const error = expectError(await http.post('/tasks', body), 400, `POST /tasks ${JSON.stringify(body)}`, why);
    expect(error.field, 'field').toBe(field, `answer { error, field: "${field}" } — the field the client has to fix`);
  }
  expect(await count(http), 'number of tasks after the rejected requests').toBe(before, 'a rejected request must not store anything');
});

probe('malformed-body-400', { name: 'a body that is not a JSON object gets 400' }, async ({ http, rand, note }) => {
  const before = await count(http);
  const title = randomTitle(rand);
  const bodies = [rand.pick([`{"title": "${title}"`, `{title: "${title}"}`, `title=${rand.word()}`, '']), rand.pick(['[]', `"${title}"`, 'null', String(rand.int(1, 99))])];
  for (const body of bodies) {
    note(`POST /tasks with the body ${JSON.stringify(body)}`);
    const res = await http.request({ method: 'POST', path: '/tasks', body, headers: { 'content-type': 'application/json' } });
    expectError(res, 400, `POST /tasks with the body ${JSON.stringify(body)}`, 'a body that is not a JSON object is the client\'s mistake: catch JSON.parse, check the value is an object, answer 400');
  }
  expect(await count(http), 'number of tasks').toBe(before, 'a rejected request must not store anything');
});

probe('unknown-id-404', { name: 'an unknown task or path gets 404', visibility: 'sample' }, async ({ http, rand, note }) => {
  const id = unknownId(rand);
  note(`GET /tasks/${id}`);
  expectError(await http.get(`/tasks/${id}`), 404, `GET /tasks/${id}`, 'no task has this id: 404 Not Found');
  const path = `${rand.path(1, 1)}s`;
  note(`GET ${path}`);
  expectError(await http.get(path), 404, `GET ${path}`, 'there is nothing at this path: 404 Not Found');
});

probe('put-replaces', { name: 'PUT replaces the whole task', weight: 2 }, async ({ http, rand }) => {
  const task = await create(http, { title: randomTitle(rand), done: true });
  const path = taskPath(task);
  const title = randomTitle(rand);
  const replaced = expectJson(await http.request({ method: 'PUT', path, json: { title } }), 200, `PUT ${path}`, 'a PUT to a task that exists answers 200 with the task');
  expect(replaced, `PUT ${path} {"title":${JSON.stringify(title)}}`).toEqual(
    { id: task.id, title, done: false },
    'PUT sends the whole task: done was left out, so it goes back to false (merging the body into the old task is PATCH)',
  );
  expect(await get(http, task), `GET ${path} after the PUT`).toEqual({ id: task.id, title, done: false }, 'the replacement must be stored');
  const again = expectJson(
    await http.request({ method: 'PUT', path, json: { id: unknownId(rand), title, done: true } }),
    200,
    `PUT ${path} with an id in the body`,
    'a PUT to a task that exists answers 200',
  );
  expect(again, `PUT ${path} with an id in the body`).toEqual({ id: task.id, title, done: true }, "a task's id never changes: ignore an id in the body");
});

probe('patch-merges', { name: 'PATCH changes only the fields it sends', weight: 2 }, async ({ http, rand }) => {
  const task = await create(http, { title: randomTitle(rand) });
  const path = taskPath(task);
  const first = expectJson(await http.request({ method: 'PATCH', path, json: { done: true } }), 200, `PATCH ${path} {"done":true}`, 'a PATCH with only done is valid: title is optional in a PATCH');
  expect(first, `PATCH ${path} {"done":true}`).toEqual({ ...task, done: true }, 'PATCH keeps every field the body leaves out');
  const title = randomTitle(rand);
  const second = expectJson(await http.request({ method: 'PATCH', path, json: { title } }), 200, `PATCH ${path} {"title":...}`, 'a PATCH to a task that exists answers 200');
  expect(second, `PATCH ${path} {"title":${JSON.stringify(title)}}`).toEqual({ id: task.id, title, done: true }, 'PATCH keeps every field the body leaves out (done stays true)');
  expect(await get(http, task), `GET ${path} after the PATCHes`).toEqual({ id: task.id, title, done: true }, 'the changes must be stored');
});

probe('update-validation', { name: 'PUT and PATCH validate like POST' }, async ({ http, rand, note }) => {
  const task = await create(http, { title: randomTitle(rand), done: rand.bool() });
  const path = taskPath(task);
  const cases: Array<[method: string, body: Record<string, unknown>, field: string, why: string]> = [
    ['PUT', { done: !task.done }, 'title', 'PUT replaces the whole task, so title is required'],
    ['PATCH', { title: rand.pick(['', '  ']) }, 'title', 'a title that is given must not be empty'],
    ['PATCH', { done: rand.pick(['no', 'false', 0]) }, 'done', 'this PATCH has only a bad done: name "done" (title is optional in a PATCH)'],
  ];
  for (const [method, body, field, why] of cases) {
    note(`${method} ${path} ${JSON.stringify(body)}`);
    const error = expectError(await http.request({ method, path, json: body }), 400, `${method} ${path} ${JSON.stringify(body)}`, why);
    expect(error.field, 'field').toBe(field, why);
  }
  expect(await get(http, task), `GET ${path} after the rejected updates`).toEqual(task, 'a rejected update must change nothing');
});

probe('delete-204', { name: 'DELETE answers 204 and the task is gone', weight: 2 }, async ({ http, rand }) => {
  const task = await create(http, { title: randomTitle(rand) });
  const path = taskPath(task);
  const res = await http.request({ method: 'DELETE', path });
  expect(res.status, `status of DELETE ${path}`).toBe(204, 'a successful DELETE answers 204 No Content');
  expect(res.body, `body of DELETE ${path}`).toBe('', '204 means no body: res.writeHead(204); res.end()');
  expectError(await http.get(path), 404, `GET ${path} after the DELETE`, 'a deleted task is gone: 404');
  expectError(await http.request({ method: 'DELETE', path }), 404, `a second DELETE ${path}`, 'there is nothing left to delete: 404');
});

probe('missing-id-writes-404', { name: 'PUT, PATCH and DELETE of an unknown task get 404' }, async ({ http, rand, note }) => {
  for (const method of rand.shuffle(['PUT', 'PATCH', 'DELETE'])) {
    const path = `/tasks/${unknownId(rand)}`;
    note(`${method} ${path}`);
    const json = method === 'DELETE' ? undefined : { title: randomTitle(rand), done: rand.bool() };
    expectError(await http.request({ method, path, json }), 404, `${method} ${path}`, 'there is no task with this id to change: 404 (this API does not create tasks with PUT)');
  }
});

probe('method-not-allowed-405', { name: 'an unsupported method gets 405 with Allow' }, async ({ http, rand, note }) => {
  const task = await create(http, { title: randomTitle(rand) });
  const cases: Array<[method: string, path: string, allowed: string[]]> = [
    [rand.pick(['DELETE', 'PUT', 'PATCH']), '/tasks', ['GET', 'POST']],
    ['POST', taskPath(task), ['GET', 'PUT', 'PATCH', 'DELETE']],
  ];
  for (const [method, path, allowed] of cases) {
    note(`${method} ${path}`);
    const res = await http.request({ method, path, json: method === 'DELETE' ? undefined : { title: randomTitle(rand) } });
    expectError(res, 405, `${method} ${path}`, 'the path exists but does not support this method: 405 Method Not Allowed, not 404');
    const allow = String(res.headers['allow'] ?? '').toUpperCase().split(/\s*,\s*/).filter(Boolean).sort();
    expect(allow, `Allow header of ${method} ${path}`).toEqual(allowed.slice().sort(), `a 405 lists what the path does support, e.g. Allow: ${allowed.join(', ')}`);
  }
});
