import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

interface Book {
  id: number;
  title: string;
}

const COLLECTION = ['GET', 'POST'];
const ITEM = ['GET', 'DELETE'];

function expectJson(res: HttpResponse, status: number, what: string, hint: string): unknown {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res, `Content-Type for ${what}`).toHaveContentType('application/json', "every response with a body is JSON: { 'Content-Type': 'application/json' }");
  return res.json<unknown>();
}

function randomTitle(rand: Rand): string {
  const word = rand.word(3, 9);
  return `${word.charAt(0).toUpperCase()}${word.slice(1)} ${rand.pick(['of', 'and', 'in', 'for'])} ${rand.name()}`;
}

async function createBook(http: Http, rand: Rand, path = '/books'): Promise<Book> {
  const title = randomTitle(rand);
  const data = expectJson(await http.post(path, { title }), 201, `POST ${path}`, 'POST /books with a title answers 201 Created') as Book;
  expect(data, 'created book').toSatisfy((b) => typeof b === 'object' && b !== null && Number.isInteger(b.id), 'an object with an integer id', 'answer the stored book: { id, title }');
  expect(data, 'created book').toEqual({ id: data.id, title }, 'the new book is exactly { id, title }');
  return data;
}

async function expectNotFound(res: HttpResponse, what: string, pathname: string, hint: string): Promise<void> {
  const data = expectJson(res, 404, what, hint);
  expect(data, `body for ${what}`).toEqual({ error: 'Not Found', path: pathname }, 'a 404 answers { "error": "Not Found", "path": <the pathname> }');
}

/** The methods of an Allow header, or a failure saying what was wrong with it. */
function allowed(res: HttpResponse, what: string): string[] {
  const header = res.headers['allow'];
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text === undefined || text.trim() === '') fail(`${what}: the 405 has no Allow header — a 405 must say which methods the path does support, e.g. Allow: GET, POST`);
  return text.split(',').map((m) => m.trim().toUpperCase()).filter((m) => m !== '');
}

function expectMethodNotAllowed(res: HttpResponse, what: string, supported: string[], pattern: string): void {
  const hint =
    res.status === 404
      ? `${pattern} is a path this API knows (it supports ${supported.join(', ')}): an unsupported method on a known path is 405, not 404`
      : `${pattern} supports ${supported.join(', ')}: any other method gets 405 Method Not Allowed`;
  const data = expectJson(res, 405, what, hint);
  expect(data, `body for ${what}`).toEqual({ error: 'Method Not Allowed' }, 'a 405 answers { "error": "Method Not Allowed" }');
  const methods = allowed(res, what);
  const missing = supported.filter((m) => !methods.includes(m));
  const extra = methods.filter((m) => !supported.includes(m) && !(m === 'HEAD' && supported.includes('GET')) && m !== 'OPTIONS');
  if (missing.length > 0 || extra.length > 0) {
    fail(
      `${what}: Allow says "${methods.join(', ')}" but ${pattern} supports ${supported.join(', ')}` +
        (extra.length > 0 ? ` — ${extra.join(', ')} would get a 405 here too: list the methods of the matched path only, not every method of the API` : ` — ${missing.join(', ')} missing`),
    );
  }
}

/** An id no book has: far above anything a run creates. */
function unusedId(rand: Rand): number {
  return rand.int(100000, 999999);
}

/** A path this API does not know. */
function unknownPath(rand: Rand): string {
  const word = rand.word(3, 8);
  return rand.pick([`/${word === 'books' ? 'bookz' : word}`, `/books/${rand.int(1, 50)}/${rand.word(3, 6)}`, '/book', `/${rand.word(6, 9)}/${rand.int(1, 50)}`]);
}

probe('list-create', { name: 'POST /books creates, GET /books lists', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const book = await createBook(http, rand);
  const all = expectJson(await http.get('/books'), 200, 'GET /books', 'GET /books answers 200 with an array of books');
  expect(all, 'GET /books').toSatisfy((list) => Array.isArray(list) && list.some((b: Book) => b.id === book.id && b.title === book.title), `an array that holds ${JSON.stringify(book)}`, 'store the book so that GET /books lists it');
});

probe('get-one', { name: 'GET /books/:id answers the book', visibility: 'sample' }, async ({ http, rand }) => {
  const book = await createBook(http, rand);
  const data = expectJson(await http.get(`/books/${book.id}`), 200, `GET /books/${book.id}`, 'a stored book is found by its id');
  expect(data, `GET /books/${book.id}`).toEqual(book, 'answer the book as it was created');
});

probe('collection-405', { name: 'an unsupported method on /books gets 405 with Allow', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  for (const method of rand.shuffle(['PUT', 'DELETE', 'PATCH']).slice(0, 2)) {
    note(`${method} /books`);
    const res = await http.request({ method, path: '/books', json: method === 'DELETE' ? undefined : { title: randomTitle(rand) } });
    expectMethodNotAllowed(res, `${method} /books`, COLLECTION, '/books');
  }
});

probe('unknown-path-404', { name: 'an unknown path gets 404', visibility: 'sample' }, async ({ http, rand, note }) => {
  for (const path of [unknownPath(rand), unknownPath(rand)]) {
    note(`GET ${path}`);
    await expectNotFound(await http.get(path), `GET ${path}`, path, 'no route has this path: 404');
  }
});

probe('item-405', { name: 'an unsupported method on /books/:id gets 405 with Allow', weight: 2 }, async ({ http, rand, note }) => {
  const book = await createBook(http, rand);
  const cases: Array<[string, number]> = [
    [rand.pick(['POST', 'PUT', 'PATCH']), book.id],
    [rand.pick(['PUT', 'PATCH']), unusedId(rand)],
  ];
  for (const [method, id] of cases) {
    const path = `/books/${id}`;
    note(`${method} ${path}${id === book.id ? '' : ' (no such book)'}`);
    const res = await http.request({ method, path, json: { title: randomTitle(rand) } });
    if (res.status === 404 && id !== book.id) {
      fail(`${method} ${path}: got 404 — whether book ${id} exists does not matter, /books/:id never supports ${method}: decide the 405 before looking the book up`);
    }
    expectMethodNotAllowed(res, `${method} ${path}`, ITEM, '/books/:id');
  }
  const after = expectJson(await http.get(`/books/${book.id}`), 200, `GET /books/${book.id}`, 'the book is still there') as Book;
  expect(after, `GET /books/${book.id} after the refused requests`).toEqual(book, 'a 405 must not change anything');
});

probe('unknown-path-other-methods', { name: 'an unknown path gets 404 whatever the method', weight: 2 }, async ({ http, rand, note }) => {
  for (const method of rand.shuffle(['POST', 'PUT', 'DELETE', 'PATCH']).slice(0, 3)) {
    const path = unknownPath(rand);
    note(`${method} ${path}`);
    await expectNotFound(
      await http.request({ method, path, json: method === 'DELETE' ? undefined : { title: randomTitle(rand) } }),
      `${method} ${path}`,
      path,
      'a 405 is only for a path that exists with other methods; an unknown path is 404 whatever the method',
    );
  }
});

probe('missing-book-404', { name: 'a book that does not exist gets 404' }, async ({ http, rand, note }) => {
  for (const method of rand.shuffle(['GET', 'DELETE'])) {
    const path = `/books/${rand.pick([String(unusedId(rand)), rand.word(3, 6)])}`;
    note(`${method} ${path}`);
    await expectNotFound(await http.request({ method, path }), `${method} ${path}`, path, `${method} is supported on /books/:id, but there is no such book: 404`);
  }
});

probe('delete-one', { name: 'DELETE /books/:id answers 204, then the book is gone' }, async ({ http, rand }) => {
  const book = await createBook(http, rand);
  const res = await http.request({ method: 'DELETE', path: `/books/${book.id}` });
  expect(res.status, `status for DELETE /books/${book.id}`).toBe(204, 'a successful DELETE answers 204 No Content');
  expect(res.body, 'body of the 204').toBe('', 'a 204 has no body');
  await expectNotFound(await http.get(`/books/${book.id}`), `GET /books/${book.id} after the DELETE`, `/books/${book.id}`, 'a deleted book is not found any more');
});

probe('query-ignored', { name: 'the query string does not change 404 or 405' }, async ({ http, rand }) => {
  const q = `?${rand.word(2, 5)}=${rand.word(2, 5)}`;
  expectJson(await http.get(`/books${q}`), 200, `GET /books${q}`, 'route on the pathname: the query string is not part of it');
  expectMethodNotAllowed(await http.request({ method: 'PATCH', path: `/books${q}`, json: {} }), `PATCH /books${q}`, COLLECTION, '/books');
  const path = unknownPath(rand);
  await expectNotFound(await http.get(`${path}${q}`), `GET ${path}${q}`, path, 'the 404 reports the pathname, without the query string');
});

probe('title-required', { name: 'a missing title or malformed JSON gets 400' }, async ({ http, rand, note }) => {
  const bodies = rand.shuffle([JSON.stringify({}), JSON.stringify({ title: '' }), `{"title": ${rand.word()}`]);
  for (const body of bodies.slice(0, 2)) {
    note(`POST /books ${body}`);
    const res = await http.request({ method: 'POST', path: '/books', body, headers: { 'content-type': 'application/json' } });
    const data = expectJson(res, 400, `POST /books ${body}`, 'a book needs a non-empty string title; a body that is not JSON cannot hold one');
    expect(data, 'body').toEqual({ error: 'title is required' }, 'answer { "error": "title is required" }');
  }
});
