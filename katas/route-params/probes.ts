import { probe, expect } from 'katabox/probe';
import type { HttpResponse, Rand } from 'katabox/probe';


/** A plain parameter value: a number or a word, nothing to decode. */
function plainValue(rand: Rand): string {
  return rand.bool() ? String(rand.int(1, 99999)) : `${rand.word(3, 7)}${rand.pick(['', '-', '_'])}${rand.word(2, 4)}`;
}

/** A one-segment word that is none of this API's fixed segments. */
function otherWord(rand: Rand): string {
  const word = rand.word(3, 8);
  return ['users', 'posts', 'me'].includes(word) ? `${word}x` : word;
}

function expectJson(res: HttpResponse, status: number, what: string, hint: string): unknown {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res, `Content-Type for ${what}`).toHaveContentType('application/json', "every response is JSON: { 'Content-Type': 'application/json' }");
  return res.json<unknown>();
}

async function expectMatch(get: (path: string) => Promise<HttpResponse>, path: string, route: string, params: Record<string, string>, hint: string): Promise<void> {
  const data = expectJson(await get(path), 200, `GET ${path}`, `${path} fits the route ${route}, so it answers 200 — ${hint}`);
  expect(data, `body for GET ${path}`).toEqual({ route, params }, hint);
}

async function expectNoMatch(res: HttpResponse, what: string, pathname: string, hint: string): Promise<void> {
  const data = expectJson(res, 404, what, hint);
  expect(data, `body for ${what}`).toEqual({ error: 'Not Found', path: pathname }, 'a 404 answers { "error": "Not Found", "path": <the pathname as requested> }');
}

probe('one-param', { name: 'GET /users/:id captures the id', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const id = plainValue(rand);
  await expectMatch(http.get, `/users/${id}`, '/users/:id', { id }, 'answer { route: "/users/:id", params: { id } } with the id as a string, exactly as it appears in the path');
});

probe('two-params', { name: 'GET /users/:id/posts/:postId captures both', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const id = plainValue(rand);
  const postId = plainValue(rand);
  await expectMatch(
    http.get,
    `/users/${id}/posts/${postId}`,
    '/users/:id/posts/:postId',
    { id, postId },
    'each ":name" segment of the pattern becomes one entry of params, named after it: { id, postId }',
  );
});

probe('static-first', { name: '/users/me is its own route, tried before /users/:id', visibility: 'sample' }, async ({ http, rand }) => {
  await expectMatch(http.get, '/users/me', '/users/me', {}, 'routes are tried in the listed order: /users/me is a fixed route with no params, found before /users/:id could take "me" as an id');
  const id = `me${rand.word(1, 3)}`;
  await expectMatch(http.get, `/users/${id}`, '/users/:id', { id }, `"${id}" is not "me": a fixed segment must equal the path segment exactly, not just start it`);
});

probe('no-match-404', { name: 'paths that fit no route get 404', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const id = plainValue(rand);
  const cases: Array<[path: string, hint: string]> = [
    ['/users', '/users has one segment; every route here has at least two'],
    [`/${otherWord(rand)}/${id}`, 'the first segment of every route is the fixed word "users"'],
    [`/users/${id}/posts`, 'one segment short of /users/:id/posts/:postId, one too many for /users/:id'],
    [`/users/${id}/${otherWord(rand)}/${plainValue(rand)}`, 'the third segment of /users/:id/posts/:postId is the fixed word "posts"'],
    [`/users/${id}/posts/${plainValue(rand)}/${rand.word(3, 6)}`, 'a route matches only when the number of segments is the same: no prefix matches'],
  ];
  for (const [path, hint] of rand.shuffle(cases)) {
    note(`GET ${path}`);
    await expectNoMatch(await http.get(path), `GET ${path}`, path, hint);
  }
});

probe('empty-segment-404', { name: 'an empty segment never fills a parameter' }, async ({ http, rand, note }) => {
  const paths = rand.shuffle(['/users/', `/users//posts/${plainValue(rand)}`, `/users/${plainValue(rand)}/posts/`]);
  for (const path of paths) {
    note(`GET ${path}`);
    await expectNoMatch(await http.get(path), `GET ${path}`, path, 'a parameter needs at least one character: match with [^/]+ (not [^/]*), or reject an empty segment');
  }
});

probe('other-methods-404', { name: 'only GET is routed: other methods get 404' }, async ({ http, rand, note }) => {
  const id = plainValue(rand);
  const path = rand.pick([`/users/${id}`, `/users/${id}/posts/${plainValue(rand)}`, '/users/me']);
  for (const method of rand.shuffle(['POST', 'PUT', 'DELETE', 'PATCH']).slice(0, 2)) {
    note(`${method} ${path}`);
    await expectNoMatch(await http.request({ method, path }), `${method} ${path}`, path, 'every route of this kata is a GET route; match on the method as well as the path');
  }
});

probe('query-ignored', { name: 'the query string is not part of a parameter' }, async ({ http, rand }) => {
  const id = plainValue(rand);
  const postId = plainValue(rand);
  const query = `?${rand.word(2, 5)}=${rand.word(2, 5)}`;
  await expectMatch(http.get, `/users/${id}/posts/${postId}${query}`, '/users/:id/posts/:postId', { id, postId }, 'match on the pathname (new URL(req.url, base).pathname): the query string is not part of the last segment');
});

probe('percent-decoded', { name: 'parameters are percent-decoded', weight: 2 }, async ({ http, rand, note }) => {
  const id = rand.pick(['Jürgen', 'Zoë', 'São Paulo', 'Kraków', 'Søren Kierkegaard', 'naïve café']);
  const postId = rand.pick(['🚀 launch', '50% off', 'C# & F#', 'a?b=c', '日本語']);
  const path = `/users/${encodeURIComponent(id)}/posts/${encodeURIComponent(postId)}`;
  note(`GET ${path}`);
  await expectMatch(http.get, path, '/users/:id/posts/:postId', { id, postId }, 'the path arrives percent-encoded (%C3%BC is ü, %20 a space): decode each parameter with decodeURIComponent');
  const plus = `${rand.word(2, 4)}+${rand.word(2, 4)}`;
  await expectMatch(http.get, `/users/${plus}`, '/users/:id', { id: plus }, 'in a path, "+" is just a plus sign (only form-encoded query strings use it for a space): decodeURIComponent keeps it');
});

probe('encoded-slash', { name: 'an encoded slash (%2F) stays inside its parameter', weight: 2 }, async ({ http, rand }) => {
  const id = `${rand.word(2, 5)}/${rand.word(2, 5)}`;
  const postId = plainValue(rand);
  const path = `/users/${encodeURIComponent(id)}/posts/${postId}`;
  await expectMatch(
    http.get,
    path,
    '/users/:id/posts/:postId',
    { id, postId },
    'split the raw pathname on "/" first, then decode each segment with decodeURIComponent: decoding the whole path first turns %2F into a separator and shifts the segments, and not decoding at all leaves %2F in the value',
  );
});

probe('malformed-400', { name: 'a parameter that cannot be decoded gets 400' }, async ({ http, rand, alive }) => {
  const path = `/users/${rand.word(2, 5)}${rand.pick(['%E0%A4%A', '%', '%zz', '%C3'])}`;
  const data = expectJson(await http.get(path), 400, `GET ${path}`, 'decodeURIComponent throws a URIError on a broken escape: catch it and answer 400 (it is the client\'s mistake, not a 500)');
  expect(data, 'body').toEqual({ error: 'Bad Request' }, 'answer { "error": "Bad Request" }');
  expect(await alive(), 'server still running').toBe(true);
});
