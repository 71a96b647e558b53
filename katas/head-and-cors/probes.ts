import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

interface Item {
  id: number;
  name: string;
}

const ALLOWED = ['https://app.example.com', 'https://admin.example.com'];
const API_METHODS = ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'];

function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
}

/** An origin that must not be let in; some of them look a lot like an allowed one. */
function otherOrigin(rand: Rand): string {
  const allowed = rand.pick(ALLOWED);
  return rand.pick([
    `${allowed}.${rand.word(3, 6)}.test`,
    allowed.replace('https://', 'http://'),
    `${allowed}:${rand.int(1025, 9999)}`,
    allowed.replace('https://', `https://${rand.word(3, 6)}-`),
    `https://${rand.word(3, 8)}.example.org`,
  ]);
}

async function createItem(http: Http, rand: Rand): Promise<Item> {
  const name = `${rand.word(3, 8)} ${rand.word(3, 8)}`;
  const res = await http.post('/items', { name });
  expect(res.status, 'status for POST /items').toBe(201, 'POST /items with a name answers 201 { id, name }');
  const item = res.json<Item>();
  expect(item, 'created item').toSatisfy((i) => typeof i === 'object' && i !== null && Number.isInteger(i.id) && i.name === name, `{ id: <integer>, name: ${JSON.stringify(name)} }`, 'answer the stored item');
  return item;
}

function preflightHeaders(origin: string, method: string): Record<string, string> {
  return { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type' };
}

function expectPreflight(res: HttpResponse, what: string, origin: string, requested: string): void {
  expect(res.status, `status for ${what}`).toBe(204, 'a preflight from an allowed origin answers 204 No Content (its headers are the answer)');
  expect(header(res, 'access-control-allow-origin'), `Access-Control-Allow-Origin of ${what}`).toBe(origin, 'echo the allowed Origin of the request');
  const methods = list(header(res, 'access-control-allow-methods')).map((m) => m.toUpperCase());
  if (!methods.includes(requested)) {
    fail(`${what}: Access-Control-Allow-Methods is "${methods.join(', ')}", which lacks the requested ${requested} — list the methods of the path (Access-Control-Request-Method asks for one of them)`);
  }
  const invented = methods.filter((m) => !API_METHODS.includes(m));
  if (invented.length > 0) fail(`${what}: Access-Control-Allow-Methods lists ${invented.join(', ')}, which this API never answers`);
  const allowHeaders = list(header(res, 'access-control-allow-headers')).map((h) => h.toLowerCase());
  expect(allowHeaders.includes('content-type') || allowHeaders.includes('*'), `Access-Control-Allow-Headers of ${what} includes Content-Type`).toBe(
    true,
    `the preflight asked for the content-type request header (sending JSON needs it); got "${allowHeaders.join(', ')}"`,
  );
  expect(res.body, `body of ${what}`).toBe('', 'a 204 has no body');
}

probe('items', { name: 'GET and POST /items work', visibility: 'sample' }, async ({ http, rand }) => {
  const item = await createItem(http, rand);
  const res = await http.get('/items');
  expect(res.status, 'status for GET /items').toBe(200, 'GET /items answers 200 with every item');
  expect(res, 'Content-Type').toHaveContentType('application/json', 'answer JSON');
  expect(res.json(), 'GET /items').toSatisfy((l) => Array.isArray(l) && l.some((i: Item) => i.id === item.id), `an array holding item ${item.id}`, 'store the item so GET /items lists it');
});

probe('head-status', { name: 'HEAD answers with the status GET would have', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const item = await createItem(http, rand);
  const paths = ['/items', `/items/${item.id}`, `/items/${rand.int(100000, 999999)}`, `/${rand.word(6, 9)}`];
  for (const path of paths) {
    const get = await http.get(path);
    const head = await http.request({ method: 'HEAD', path });
    note(`GET ${path} → ${get.status}, HEAD ${path} → ${head.status}`);
    expect(head.status, `status for HEAD ${path}`).toBe(
      get.status,
      head.status === 405 || (head.status === 404 && get.status !== 404)
        ? 'HEAD is supported wherever GET is: run the GET handler for it (Node leaves the body out for you)'
        : `HEAD answers exactly what GET ${path} answers, without the body`,
    );
  }
});

probe('head-headers', { name: 'HEAD sends the same headers as GET', weight: 2 }, async ({ http, rand, note }) => {
  const item = await createItem(http, rand);
  const origin = rand.pick(ALLOWED);
  for (const path of ['/items', `/items/${item.id}`]) {
    const get = await http.get(path, { Origin: origin });
    const head = await http.request({ method: 'HEAD', path, headers: { Origin: origin } });
    note(`HEAD ${path}: ${JSON.stringify(head.headers)}`);
    expect(head.status, `status for HEAD ${path}`).toBe(get.status, 'HEAD answers what GET answers');
    expect(header(head, 'content-type'), `Content-Type of HEAD ${path}`).toBe(header(get, 'content-type'), 'a HEAD response describes the GET response: same Content-Type');
    // A HEAD response may leave out Content-Length (Node does when it would have computed it from the body), but never contradict GET.
    const length = header(head, 'content-length');
    if (length !== undefined) {
      expect(length, `Content-Length of HEAD ${path}`).toBe(header(get, 'content-length') ?? 'no Content-Length (as GET)', 'when HEAD sends a Content-Length, it is the length of the body GET would send');
    }
    expect(header(head, 'access-control-allow-origin'), `Access-Control-Allow-Origin of HEAD ${path}`).toBe(header(get, 'access-control-allow-origin'), 'CORS headers apply to HEAD as to GET');
  }
});

probe('cors-allowed', { name: 'an allowed origin is echoed in Access-Control-Allow-Origin', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const origin = rand.pick(ALLOWED);
  const res = await http.get('/items', { Origin: origin });
  expect(res.status, 'status').toBe(200, 'GET /items answers 200');
  expect(header(res, 'access-control-allow-origin'), 'Access-Control-Allow-Origin').toBe(
    origin,
    'echo the request\'s Origin when it is one of the allowed ones (not "*": that would let every site read the answer)',
  );
});

probe('vary-origin', { name: 'responses that depend on Origin say Vary: Origin' }, async ({ http, rand }) => {
  const item = await createItem(http, rand);
  const res = await http.get(`/items/${item.id}`, { Origin: rand.pick(ALLOWED) });
  const vary = list(header(res, 'vary')).map((v) => v.toLowerCase());
  expect(vary.includes('origin') || vary.includes('*'), `Vary includes Origin (got ${JSON.stringify(header(res, 'vary') ?? null)})`).toBe(
    true,
    'Access-Control-Allow-Origin changes with the Origin header, so a cache must keep one copy per origin: set Vary: Origin',
  );
});

probe('cors-other-origin', { name: 'other origins get no Access-Control-Allow-Origin', weight: 2 }, async ({ http, rand, note }) => {
  const allowed = rand.pick(ALLOWED);
  for (const origin of [`${allowed}.${rand.word(3, 6)}.test`, otherOrigin(rand)]) {
    note(`GET /items with Origin: ${origin}`);
    const res = await http.get('/items', { Origin: origin });
    expect(res.status, 'status').toBe(200, 'the request is still served: it is the browser that withholds the answer from the page');
    expect(header(res, 'access-control-allow-origin'), `Access-Control-Allow-Origin for Origin: ${origin}`).toBe(
      undefined,
      'only the exact allowed origins get the header: compare the whole string (a Set lookup), not a prefix or a substring',
    );
  }
  const res = await http.get('/items');
  expect(header(res, 'access-control-allow-origin'), 'Access-Control-Allow-Origin without an Origin header').toBe(undefined, 'a request with no Origin is not a cross-origin request: no CORS headers');
});

probe('preflight', { name: 'a preflight from an allowed origin gets 204 and the CORS headers', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const origin = rand.pick(ALLOWED);
  const res = await http.request({ method: 'OPTIONS', path: '/items', headers: preflightHeaders(origin, 'POST') });
  expectPreflight(res, 'OPTIONS /items', origin, 'POST');
});

probe('preflight-item', { name: 'a preflight for DELETE /items/:id allows DELETE' }, async ({ http, rand }) => {
  const item = await createItem(http, rand);
  const origin = rand.pick(ALLOWED);
  const res = await http.request({ method: 'OPTIONS', path: `/items/${item.id}`, headers: preflightHeaders(origin, 'DELETE') });
  expectPreflight(res, `OPTIONS /items/${item.id}`, origin, 'DELETE');
  const after = await http.get(`/items/${item.id}`);
  expect(after.status, `status for GET /items/${item.id} after the preflight`).toBe(200, 'a preflight only asks: it must not run the DELETE handler');
});

probe('preflight-other-origin', { name: 'a preflight from another origin gets 403 and no CORS headers', weight: 2 }, async ({ http, rand, note }) => {
  const allowed = rand.pick(ALLOWED);
  for (const origin of [`${allowed}.${rand.word(3, 6)}.test`, otherOrigin(rand)]) {
    note(`OPTIONS /items with Origin: ${origin}`);
    const res = await http.request({ method: 'OPTIONS', path: '/items', headers: preflightHeaders(origin, rand.pick(['POST', 'DELETE'])) });
    expect(res.status, `status for a preflight from ${origin}`).toBe(403, `${origin} is not one of the two allowed origins (compare the whole string, not a prefix), so its preflight answers 403`);
    expect(header(res, 'access-control-allow-origin'), 'Access-Control-Allow-Origin').toBe(undefined, 'not for this origin: compare the whole Origin string with the allowed ones');
    expect(header(res, 'access-control-allow-methods'), 'Access-Control-Allow-Methods').toBe(undefined, 'a refused preflight grants nothing');
  }
});

probe('options-unknown', { name: 'OPTIONS on an unknown path gets 404' }, async ({ http, rand }) => {
  const path = `/${rand.word(6, 9)}`; // never /items
  const res = await http.request({ method: 'OPTIONS', path, headers: preflightHeaders(rand.pick(ALLOWED), 'POST') });
  expect(res.status, `status for OPTIONS ${path}`).toBe(404, 'there is nothing at this path to allow: a preflight for it is a 404 like any other request');
});

probe('options-plain', { name: 'a plain OPTIONS lists the methods in Allow' }, async ({ http }) => {
  const res = await http.request({ method: 'OPTIONS', path: '/items' });
  expect(res.status, 'status for OPTIONS /items without Origin').toBe(204, 'an OPTIONS that is not a preflight asks what the path supports: 204 with an Allow header');
  const methods = list(header(res, 'allow')).map((m) => m.toUpperCase());
  const missing = ['GET', 'HEAD', 'POST'].filter((m) => !methods.includes(m));
  if (missing.length > 0) fail(`OPTIONS /items: Allow is "${methods.join(', ')}", missing ${missing.join(', ')} — /items answers GET, HEAD and POST`);
});
