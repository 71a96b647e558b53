import { probe, expect } from 'katabox/probe';
import type { HttpResponse } from 'katabox/probe';

const GREETING = 'Hello from raw Node!\n';

function expectTextPlain(res: HttpResponse, what: string, hint: string): void {
  expect(res, `Content-Type for ${what}`).toHaveContentType('text/plain', hint);
}

probe('status-200', { name: 'answers with status 200', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const res = await http.get(rand.path());
  expect(res.status, 'status').toBe(200, 'every request should get 200 — set it with res.writeHead(200, ...) or res.statusCode = 200');
});

probe('content-type', { name: 'Content-Type is text/plain', visibility: 'sample' }, async ({ http, rand }) => {
  const path = rand.path();
  expectTextPlain(await http.get(path), `GET ${path}`, "set it before the body, e.g. res.writeHead(200, { 'Content-Type': 'text/plain' })");
});

probe('greeting-body', { name: 'body is exactly the greeting', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const res = await http.get(rand.path());
  expect(res.body, 'body').toBe(
    GREETING,
    'the body must be "Hello from raw Node!" followed by a single newline (\\n) — check spelling, spacing and the trailing newline',
  );
});

probe('any-path', { name: 'any path gets the greeting' }, async ({ http, rand, note }) => {
  // Deeper paths, odd characters and query strings: none of them should change the answer.
  const paths = [
    rand.path() + '/' + rand.word(2, 5) + '.html',
    rand.path() + '?' + rand.word(2, 5) + '=' + rand.word(2, 6),
    '/' + rand.word(3, 6) + '-' + rand.int(1, 999) + '/' + rand.word(3, 6) + '%20' + rand.word(3, 6),
  ];
  for (const path of rand.shuffle(paths)) {
    note(`GET ${path}`);
    const res = await http.get(path);
    expect(res.status, `status for GET ${path}`).toBe(200, 'the server should not look at the path at all');
    expectTextPlain(res, `GET ${path}`, 'every path gets the same Content-Type: set it whatever the path');
    expect(res.body, `body for GET ${path}`).toBe(GREETING, 'every path gets the same greeting');
  }
});

probe('any-method', { name: 'any method gets the greeting' }, async ({ http, rand, note }) => {
  // Every method, not a sample of them: a server that treats one method specially must fail on every seed.
  for (const method of rand.shuffle(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])) {
    const path = rand.path();
    const withBody = method !== 'DELETE' && method !== 'OPTIONS';
    note(`${method} ${path}`);
    const res = await http.request({
      method,
      path,
      body: withBody ? `${rand.word()}=${rand.word()}` : undefined,
    });
    expect(res.status, `status for ${method} ${path}`).toBe(200, `the server should answer ${method} like GET: status 200, whatever the method`);
    expectTextPlain(res, `${method} ${path}`, `${method} gets the same Content-Type as GET: set it on every path through the handler, not only on GET's`);
    expect(res.body, `body for ${method} ${path}`).toBe(GREETING, 'every method gets the same greeting');
  }
});
