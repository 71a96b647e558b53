import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

interface Book {
  id: number;
  title: string;
  author: string;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

function expectJson(res: HttpResponse, status: number, what: string, hint: string): unknown {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res.headers['content-type'], `Content-Type for ${what}`).toMatch(JSON_TYPE, 'every answer with a body is JSON');
  return res.json<unknown>();
}

function randomBook(rand: Rand): { title: string; author: string } {
  const word = rand.word(4, 9);
  return { title: `The ${word.charAt(0).toUpperCase()}${word.slice(1)} ${rand.pick(['Affair', 'Garden', 'Protocol', 'Winter', 'Machine'])}`, author: `${rand.name()} ${rand.word(4, 8)}` };
}

async function listBooks(http: Http, path = '/books'): Promise<Book[]> {
  const data = expectJson(await http.get(path), 200, `GET ${path}`, 'the list of books answers 200');
  if (!Array.isArray(data)) fail(`GET ${path} should answer a JSON array, got ${JSON.stringify(data).slice(0, 200)}`);
  return data as Book[];
}

async function createBook(http: Http, rand: Rand): Promise<Book> {
  const fields = randomBook(rand);
  const data = expectJson(await http.post('/books', fields), 201, 'POST /books', 'creating a book answers 201 Created') as Book;
  expect(data, 'created book').toSatisfy(
    (b) => typeof b === 'object' && b !== null && Number.isInteger(b.id) && b.id >= 1,
    'an object with an integer id (1 or more)',
    'answer the stored book: { id, title, author }',
  );
  expect(data, 'created book').toEqual({ id: data.id, ...fields }, 'the new book is { id, title, author } with what was sent');
  return data;
}

/** Whether two comma-separated method lists name the same methods, whatever their order and spacing. */
function sameMethods(a: string, b: string): boolean {
  const set = (list: string) => list.split(',').map((m) => m.trim().toUpperCase()).filter(Boolean).sort().join(',');
  return set(a) === set(b);
}

function expectError(res: HttpResponse, status: number, error: string, what: string, hint: string): void {
  const data = expectJson(res, status, what, hint);
  expect(data, `body for ${what}`).toEqual({ error }, `the body is { "error": "${error}" }`);
}

probe('list-books', { name: 'GET /books answers a JSON array', visibility: 'sample' }, async ({ http }) => {
  await listBooks(http);
});

probe('create-book', { name: 'POST /books creates a book', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const book = await createBook(http, rand);
  const all = await listBooks(http);
  expect(all.some((b) => b.id === book.id), `GET /books lists book ${book.id}`).toBe(true, 'a created book is stored and listed');
});

probe('get-book', { name: 'GET /books/<id> answers that book', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const book = await createBook(http, rand);
  const data = expectJson(await http.get(`/books/${book.id}`), 200, `GET /books/${book.id}`, 'a stored book can be read by its id');
  expect(data, 'book').toEqual(book, 'the same { id, title, author } as the 201');
});

probe('missing-book-404', { name: 'GET /books/<unknown id> gets 404 book not found' }, async ({ http, rand }) => {
  const path = rand.pick([`/books/${rand.int(100_000, 999_999)}`, `/books/${rand.word(3, 6)}`]);
  expectError(await http.get(path), 404, 'book not found', `GET ${path}`, 'no book has this id');
});

probe('delete-book', { name: 'DELETE /books/<id> removes the book, once', weight: 2 }, async ({ http, rand }) => {
  const book = await createBook(http, rand);
  const res = await http.request({ method: 'DELETE', path: `/books/${book.id}` });
  expect(res.status, `status for DELETE /books/${book.id}`).toBe(
    204,
    res.status === 405
      ? `the route table has a DELETE /books/:id route and the Allow header says ${JSON.stringify(res.headers['allow'])}, yet the lookup did not find it — which routes does the lookup visit?`
      : 'deleting answers 204 No Content',
  );
  expect(res.body, 'body').toBe('', 'a 204 has no body');
  const all = await listBooks(http);
  expect(all.some((b) => b.id === book.id), `book ${book.id} still listed after DELETE`).toBe(false, 'a deleted book is gone from GET /books');
  const again = await http.request({ method: 'DELETE', path: `/books/${book.id}` });
  expectError(again, 404, 'book not found', `a second DELETE /books/${book.id}`, 'the book is already gone: 404');
});

probe('wrong-method-405', { name: 'a known path with another method gets 405 and Allow' }, async ({ http, rand, note }) => {
  const book = await createBook(http, rand);
  const cases: Array<[string, string, string]> = [
    [rand.pick(['PUT', 'PATCH', 'DELETE']), '/books', 'GET, POST'],
    [rand.pick(['PUT', 'PATCH', 'POST']), `/books/${book.id}`, 'GET, DELETE'],
  ];
  for (const [method, path, allow] of cases) {
    note(`${method} ${path}`);
    const res = await http.request({ method, path, json: method === 'DELETE' ? undefined : randomBook(rand) });
    expectError(res, 405, 'method not allowed', `${method} ${path}`, 'the path exists, the method does not: 405');
    expect(res.headers['allow'], 'Allow').toSatisfy(
      (v) => typeof v === 'string' && sameMethods(v, allow),
      `the methods ${allow}, in any order`,
      'Allow lists the methods this path does support',
    );
  }
});

probe('unknown-path-404', { name: 'a path no route knows gets 404', weight: 2 }, async ({ http, rand, note }) => {
  const paths = rand.shuffle([`/${rand.word(3, 8)}`, `/books/${rand.int(1, 9)}/${rand.word(3, 6)}`, `/${rand.word(3, 6)}/books`]);
  for (const path of paths.slice(0, 2)) {
    note(`GET ${path}`);
    const res = await http.get(path);
    expectError(
      res,
      404,
      'not found',
      `GET ${path}`,
      res.status === 405
        ? `no route has this path, yet the answer is 405 with Allow: ${JSON.stringify(res.headers['allow'])} — how does dispatch decide between 404 and 405?`
        : 'no route matches this path: 404',
    );
  }
});

probe('query-string-ignored', { name: 'a query string does not change the route', weight: 2 }, async ({ http, rand, note }) => {
  const book = await createBook(http, rand);
  await listBooks(http);
  const query = () => `?${rand.word(2, 6)}=${rand.word(2, 6)}`;
  const listPath = `/books${query()}`;
  note(`GET ${listPath}`);
  const list = await http.get(listPath);
  expect(list.status, `status for GET ${listPath}`).toBe(200, 'GET /books works; the same path with a query string should reach the same route — what does the router match against?');
  const bookPath = `/books/${book.id}${query()}`;
  note(`GET ${bookPath}`);
  const data = expectJson(await http.get(bookPath), 200, `GET ${bookPath}`, 'the query string is not part of the id');
  expect(data, 'book').toEqual(book, 'the book whose id is in the path');
});

probe('missing-fields-400', { name: 'a book without title or author gets 400' }, async ({ http, rand, note }) => {
  const full = randomBook(rand);
  const bodies = rand.shuffle<unknown>([{ title: full.title }, { author: full.author }, { title: '', author: full.author }, { ...full, author: '  ' }, null]).slice(0, 3);
  const before = (await listBooks(http)).length;
  for (const body of bodies) {
    const what = `POST /books ${JSON.stringify(body)}`;
    note(what);
    const res = await http.request({ method: 'POST', path: '/books', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expectError(res, 400, 'title and author are required', what, 'both fields must be non-empty strings');
  }
  expect((await listBooks(http)).length, 'number of books').toBe(before, 'a refused book is not stored');
});

// Last on purpose: a server that dies here takes no other probe down with it.
probe('malformed-json-400', { name: 'a body that is not JSON gets 400', weight: 2 }, async ({ http, rand, sleep, alive, note }) => {
  const { title } = randomBook(rand);
  const body = rand.pick([`{"title": "${title}"`, `{title: "${title}"}`, `title=${rand.word()}`, '']);
  note(`POST /books with the body ${JSON.stringify(body)}`);
  let res: HttpResponse;
  try {
    res = await http.request({ method: 'POST', path: '/books', body, headers: { 'content-type': 'application/json' } });
  } catch (err) {
    await sleep(200);
    const up = await alive();
    fail(
      `${err instanceof Error ? err.message : String(err)}${up ? '' : ' — the code does turn a parse failure into an HttpError(400); follow that error from where it is thrown to the catch that should answer it'}`,
    );
  }
  expectError(res, 400, 'invalid JSON', 'the malformed body', 'a body that does not parse is the client\'s mistake: 400');
  await sleep(100);
  expect(await alive(), 'server still running').toBe(true, 'answering a bad body must not end the process');
});
