import { probe, expect, fail } from 'katabox/probe';
import type { HttpResponse, Raw } from 'katabox/probe';

interface Echo {
  method?: unknown;
  url?: unknown;
  httpVersion?: unknown;
  remoteAddress?: unknown;
  headers?: Record<string, unknown>;
}

const FIELDS = ['headers', 'httpVersion', 'method', 'remoteAddress', 'url'];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Parses the body and checks it is an object; fails with a readable message otherwise. */
function echoOf(res: HttpResponse): Echo {
  const data = res.json<unknown>();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail('the body should be a JSON object like {"method": ..., "url": ..., "httpVersion": ..., "remoteAddress": ..., "headers": {...}}');
  }
  return data as Echo;
}

/** The echoed headers, checked to be an object. */
function headersOf(echo: Echo): Record<string, unknown> {
  const headers = echo.headers;
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    fail('"headers" should be an object: send req.headers as it is');
  }
  return headers;
}

/**
 * Sends an HTTP/1.0 request over a raw connection and parses the echo. Node answers 1.0 without
 * chunked encoding and closes the connection afterwards, so the body is everything after the headers.
 */
async function rawEcho(raw: Raw, lines: string[]): Promise<Echo> {
  const reply = await raw.send(lines.join('\r\n') + '\r\n\r\n', { timeoutMs: 1500 });
  const split = reply.indexOf('\r\n\r\n');
  expect(reply.split('\r\n')[0], 'status line').toMatch(/^HTTP\/1\.[01] 200\b/, 'every request should get 200, whatever its HTTP version');
  let data: unknown;
  try {
    data = JSON.parse(reply.slice(split + 4));
  } catch {
    fail(`the body should be JSON, got ${JSON.stringify(reply.slice(split + 4, split + 104))}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('the body should be a JSON object');
  return data as Echo;
}

probe('json-object', { name: 'answers 200 with a JSON object', visibility: 'sample' }, async ({ http, rand }) => {
  const res = await http.get(rand.path());
  expect(res.status, 'status').toBe(200, 'every request should get 200');
  expect(res, 'Content-Type').toHaveContentType(
    'application/json',
    "JSON needs its own header: res.writeHead(200, { 'Content-Type': 'application/json' })",
  );
  const echo = echoOf(res);
  expect(Object.keys(echo).sort(), 'fields of the object').toEqual(
    FIELDS,
    'the object holds exactly method, url, httpVersion, remoteAddress and headers (a missing value still needs its key)',
  );
});

probe('method', { name: 'echoes the method', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  // Every verb, in random order: a server that treats one of them specially fails on every seed.
  for (const method of rand.shuffle(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])) {
    const path = rand.path();
    note(`${method} ${path}`);
    const res = await http.request({ method, path });
    expect(res.status, `status for ${method}`).toBe(200, `${method} should get 200 like any other method`);
    expect(res, `Content-Type for ${method}`).toHaveContentType(
      'application/json',
      `${method} gets the same Content-Type as the other methods: set it on every path through the handler`,
    );
    expect(echoOf(res).method, 'method').toBe(method, 'send req.method as it is');
  }
});

probe('path', { name: 'echoes the path', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const path = rand.path() + '/' + rand.word(2, 6) + '-' + rand.int(1, 9999);
  const res = await http.get(path);
  expect(res.status, 'status').toBe(200);
  expect(echoOf(res).url, 'url').toBe(path, 'send req.url exactly as received — it is the path, with no http:// or host in front');
});

probe('query-string', { name: 'echoes the query string too', weight: 2 }, async ({ http, rand }) => {
  const path =
    rand.path() +
    `?${rand.word(2, 6)}=${rand.word(2, 6)}` +
    `&${rand.word(2, 6)}=${rand.int(0, 500)}` +
    `&${rand.word(2, 6)}=${rand.word(2, 5)}+${rand.word(2, 5)}`;
  const res = await http.get(path);
  expect(res.status, 'status').toBe(200);
  expect(echoOf(res).url, 'url').toBe(path, 'req.url carries the query string as well — do not parse it or cut it off');
});

probe('url-as-sent', { name: 'url is not decoded or normalised' }, async ({ http, rand }) => {
  const a = rand.word(3, 6);
  const b = rand.word(3, 6);
  const c = rand.word(3, 6);
  const path = `/${a}/./${b}/../${c}%20${rand.word(2, 5)}/caf%C3%A9?${rand.word(2, 5)}=%2F${rand.word(2, 5)}`;
  const res = await http.get(path);
  expect(res.status, 'status').toBe(200);
  expect(echoOf(res).url, 'url').toBe(
    path,
    'req.url is raw: percent-escapes and ./ ../ segments stay as the client sent them — do not rebuild it from a parsed URL',
  );
});

probe('headers-lowercased', { name: 'echoes the headers with lower-cased names', weight: 2 }, async ({ http, rand }) => {
  const sent: Record<string, string> = {};
  const expected: Record<string, string> = {};
  const count = rand.int(2, 3);
  for (let i = 0; i < count; i++) {
    const word = rand.word(3, 7) + i;
    const value = `${rand.word(3, 8)}-${rand.int(1, 999)}`;
    sent[`X-Katabox-${capitalise(word)}`] = value;
    expected[`x-katabox-${word}`] = value;
  }
  const res = await http.get(rand.path(), sent);
  expect(res.status, 'status').toBe(200);
  const headers = headersOf(echoOf(res));
  for (const [name, value] of Object.entries(expected)) {
    expect(headers[name], `headers["${name}"]`).toBe(
      value,
      'req.headers has every header the client sent, with the name lower-cased — send that object as it is',
    );
  }
  expect(headers['host'], 'headers["host"]').toSatisfy(
    (v) => typeof v === 'string' && v.length > 0,
    'the Host header the client sent',
    'req.headers holds a lower-cased "host" entry for the Host header — send req.headers itself instead of rebuilding it',
  );
});

probe('repeated-header', { name: 'a repeated header arrives joined' }, async ({ raw, rand, note }) => {
  const name = `x-katabox-${rand.word(3, 7)}`;
  const values = [rand.word(3, 6), rand.word(3, 6), String(rand.int(1, 999))];
  const path = rand.path();
  note(`GET ${path} with ${values.length} "${name}" headers: ${values.join(', ')}`);
  const echo = await rawEcho(raw, [`GET ${path} HTTP/1.0`, 'Host: localhost', ...values.map((v, i) => `${i % 2 ? name : capitalise(name)}: ${v}`)]);
  expect(headersOf(echo)[name], `headers["${name}"]`).toBe(
    values.join(', '),
    'when a header comes several times, req.headers joins the values with ", " — rebuilding the object from req.rawHeaders keeps only one of them',
  );
});

probe('http-version', { name: 'echoes the HTTP version', weight: 2 }, async ({ http, raw, rand, note }) => {
  const path = rand.path();
  note(`GET ${path} over HTTP/1.0`);
  const old = await rawEcho(raw, [`GET ${path} HTTP/1.0`, `Host: localhost`]);
  expect(old.httpVersion, 'httpVersion of an HTTP/1.0 request').toBe(
    '1.0',
    'send req.httpVersion: the version from the request line as a string ("1.0", "1.1"), without "HTTP/" — it differs from client to client',
  );
  const current = echoOf(await http.get(rand.path()));
  expect(current.httpVersion, 'httpVersion of an HTTP/1.1 request').toBe('1.1', 'send req.httpVersion as it is: "1.1" here');
});

probe('remote-address', { name: 'echoes the client address from the socket', weight: 2 }, async ({ http, rand, note }) => {
  const claimed = `203.0.113.${rand.int(1, 254)}`;
  note(`GET with X-Forwarded-For: ${claimed} (a header any client can send)`);
  const echo = echoOf(await http.get(rand.path(), { 'X-Forwarded-For': claimed }));
  expect(echo.remoteAddress, 'remoteAddress').toSatisfy(
    (v) => v !== claimed,
    'the address of the connection, not the X-Forwarded-For header',
    'X-Forwarded-For is whatever the client wrote; the peer that really connected is req.socket.remoteAddress',
  );
  // Katabox connects over loopback, so the peer is 127.x.x.x, or ::1 / ::ffff:127.x.x.x on an IPv6 socket.
  expect(echo.remoteAddress, 'remoteAddress').toMatch(
    /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$|^::1$/,
    'send req.socket.remoteAddress: the IP address the request came from, as a string (here a loopback address)',
  );
});
