import { probe, expect, utf8 } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

const FORM = 'application/x-www-form-urlencoded';
const REQUIRED = { error: 'name and email are required' };

interface Person {
  name: string;
  email: string;
}

function person(rand: Rand): Person {
  const first = rand.name();
  const user = rand.word(3, 8);
  return { name: first, email: `${user}@${rand.word(3, 7)}.example` };
}

/** Form encoding as a browser does it for plain values (letters, digits, '@', '.'). */
function form(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

function bodyOf(res: HttpResponse, what: string): unknown {
  expect(res, `Content-Type for ${what}`).toHaveContentType('application/json', "every answer is JSON: { 'Content-Type': 'application/json' }");
  return res.json<unknown>();
}

/** Says what went wrong when a body that was sent is reported as missing. */
function missingBodyHint(data: unknown): string {
  return JSON.stringify(data) === JSON.stringify(REQUIRED)
    ? 'the fields were in the body, but the server did not find them — raw Node has no req.body: read the request stream, then parse it'
    : 'answer 201 with { name, email } taken from the body';
}

function expectCreated(res: HttpResponse, what: string, sent: Person): void {
  const data = bodyOf(res, what);
  expect(res.status, `status for ${what}`).toBe(201, missingBodyHint(data));
  expect(data, `body for ${what}`).toEqual(sent, 'answer exactly { name, email } as they were sent, decoded, with other fields dropped');
}

function expectError(res: HttpResponse, what: string, status: number, error: string, hint: string): void {
  const data = bodyOf(res, what);
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(data, `body for ${what}`).toEqual({ error }, hint);
}

const post = (http: Http, type: string | undefined, body: string) =>
  http.request({ method: 'POST', path: '/signup', body, headers: type === undefined ? {} : { 'Content-Type': type } });

probe('json-body', { name: 'a JSON body creates the sign-up', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const sent = person(rand);
  const body = JSON.stringify({ [rand.word(3, 6)]: rand.int(1, 99), ...sent, newsletter: rand.bool() });
  note(`POST /signup (application/json) ${body}`);
  expectCreated(await post(http, 'application/json', body), 'POST /signup', sent);
});

probe('form-body', { name: 'a form body creates the sign-up', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const sent = person(rand);
  const body = form(rand.bool() ? { ...sent } : { email: sent.email, [rand.word(3, 6)]: rand.word(), name: sent.name });
  note(`POST /signup (${FORM}) ${body}`);
  expectCreated(await post(http, FORM, body), 'POST /signup', sent);
});

probe('missing-fields', { name: 'a missing or empty field gets 400', visibility: 'sample' }, async ({ http, rand, note }) => {
  const { name, email } = person(rand);
  const cases = rand.shuffle<[string, string]>([
    ['application/json', JSON.stringify({ name })],
    ['application/json', JSON.stringify({ name: '', email })],
    [FORM, form({ email })],
    [FORM, `name=${encodeURIComponent(name)}&email=`],
  ]).slice(0, 3);
  for (const [type, body] of cases) {
    note(`POST /signup (${type}) ${body}`);
    expectError(await post(http, type, body), `POST /signup ${body}`, 400, REQUIRED.error, 'name and email must both be non-empty: otherwise 400 "name and email are required"');
  }
});

probe('form-decoding', { name: "form values are decoded ('+', %XX, UTF-8)", weight: 2 }, async ({ http, rand, note }) => {
  const sent = {
    name: `${rand.name()} ${rand.pick(['Lovelace', 'Hopper', 'Müller', 'Ødegaard', 'García'])}`,
    email: `${rand.word(3, 6)}+${rand.word(2, 5)}@${rand.word(3, 6)}.example`,
  };
  // URLSearchParams-style: spaces as '+', everything else escaped as UTF-8.
  const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
  const body = `name=${encode(sent.name)}&email=${encode(sent.email)}`;
  note(`POST /signup (${FORM}) ${body}`);
  const res = await post(http, FORM, body);
  const data = bodyOf(res, 'POST /signup');
  expect(res.status, 'status').toBe(201, missingBodyHint(data));
  expect(data, 'body').toEqual(
    sent,
    "decode the form with URLSearchParams: '+' is a space, %2B is a plus, %40 is '@', %C3%BC is 'ü' — decodeURIComponent alone leaves '+' as it is",
  );
});

probe('chunked-body', { name: 'a body that arrives in several chunks', weight: 2 }, async ({ http, rand, note }) => {
  const sent = { name: `${rand.name()} ${rand.pick(['日本', 'Ελένη', 'Zoë', 'Çelik'])}`, email: `${rand.word(4, 8)}@${rand.word(3, 6)}.example` };
  const bytes = utf8(JSON.stringify({ ...sent, bio: `${rand.word()} ${rand.pick(['🚀', '☕', '🌍'])} ${rand.word()}` }));
  // One cut falls inside the first multi-byte character (just after its lead byte), the others anywhere.
  const inside = bytes.findIndex((b) => b >= 0xc0) + 1;
  const cuts = new Set([inside]);
  while (cuts.size < rand.int(2, 4)) cuts.add(rand.int(1, bytes.length - 1));
  const points = [0, ...Array.from(cuts).sort((a, b) => a - b), bytes.length];
  const chunks = points.slice(1).map((end, i) => bytes.slice(points[i], end));
  note(`the JSON body was sent in ${chunks.length} chunks, cut at bytes ${points.slice(1, -1).join(', ')} (byte ${inside} is inside a multi-byte character)`);
  const res = await http.request({ method: 'POST', path: '/signup', headers: { 'Content-Type': 'application/json' }, chunks, chunkDelayMs: 40 });
  const data = bodyOf(res, 'POST /signup');
  expect(res.status, 'status').toBe(
    201,
    /JSON/.test(JSON.stringify(data)) ? 'the body came in pieces: collect every chunk until the stream ends, then parse once' : missingBodyHint(data),
  );
  expect(data, 'body').toEqual(
    sent,
    'a chunk ended in the middle of a character: collect the chunks as Buffers and decode once at the end (or use req.setEncoding), never chunk.toString() piece by piece',
  );
});

probe('content-type-params', { name: 'Content-Type with parameters or other casing', weight: 2 }, async ({ http, rand, note }) => {
  const cases = rand.shuffle<[string, boolean]>([
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    [`${FORM}; charset=UTF-8`, false],
  ]);
  for (const [type, json] of cases) {
    const sent = person(rand);
    const body = json ? JSON.stringify(sent) : form({ ...sent });
    note(`POST /signup (Content-Type: ${type}) ${body}`);
    const res = await post(http, type, body);
    const data = bodyOf(res, `POST /signup (${type})`);
    expect(res.status, `status for Content-Type: ${type}`).toBe(
      201,
      res.status === 415 ? 'compare only the media type (before the ;), lowercased: parameters and casing do not change the format' : missingBodyHint(data),
    );
    expect(data, `body for Content-Type: ${type}`).toEqual(sent, 'answer exactly { name, email }');
  }
});

probe('malformed-json', { name: 'malformed JSON gets 400', weight: 1 }, async ({ http, rand, note }) => {
  const { name, email } = person(rand);
  const body = rand.pick([`{"name": "${name}", "email": "${email}"`, `{name: "${name}", email: "${email}"}`, `name=${name}&email=${email}`]);
  note(`POST /signup (application/json) ${body}`);
  expectError(await post(http, 'application/json', body), 'POST /signup', 400, 'invalid JSON', 'JSON.parse throws on this body: catch it and answer 400 { "error": "invalid JSON" }');
});

probe('unsupported-type', { name: 'other or missing Content-Type gets 415', weight: 1 }, async ({ http, rand, note }) => {
  const sent = person(rand);
  const cases = rand.shuffle<[string | undefined, string]>([
    ['text/plain', form({ ...sent })],
    [undefined, JSON.stringify(sent)],
    [rand.pick(['application/xml', 'multipart/form-data; boundary=x', 'text/csv']), `${sent.name},${sent.email}`],
  ]).slice(0, 2);
  for (const [type, body] of cases) {
    note(`POST /signup (${type === undefined ? 'no Content-Type' : `Content-Type: ${type}`}) ${body}`);
    expectError(
      await post(http, type, body),
      `POST /signup with ${type ?? 'no Content-Type'}`,
      415,
      'unsupported content type',
      'only application/json and application/x-www-form-urlencoded are understood; do not guess the format of anything else: 415',
    );
  }
});

probe('unknown-route', { name: 'other routes get 404', weight: 1 }, async ({ http, rand, note }) => {
  const requests = rand.shuffle<[string, string]>([
    ['GET', '/signup'],
    ['POST', `/${rand.word(3, 8)}`],
    ['PUT', '/signup'],
    ['GET', `/${rand.word(3, 8)}`],
  ]).slice(0, 2);
  for (const [method, path] of requests) {
    note(`${method} ${path}`);
    const res = await http.request({ method, path, headers: { 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : JSON.stringify(person(rand)) });
    expectError(res, `${method} ${path}`, 404, 'not found', 'only POST /signup is a route; everything else is 404 { "error": "not found" }');
  }
});
