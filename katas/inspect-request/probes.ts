import { probe, expect, fail } from 'katabox/probe';
import type { HttpResponse } from 'katabox/probe';

interface Echo {
  method?: unknown;
  url?: unknown;
  headers?: Record<string, unknown>;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Parses the body and checks it is an object; fails with a readable message otherwise. */
function echoOf(res: HttpResponse): Echo {
  const data = res.json<unknown>();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail('the body should be a JSON object like {"method": ..., "url": ..., "headers": {...}}');
  }
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
    ['headers', 'method', 'url'],
    'the object holds exactly method, url and headers',
  );
});

probe('method', { name: 'echoes the method', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  // Two verbs that are not GET, plus one more at random, in random order.
  const others = rand.shuffle(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  const methods = rand.shuffle([others[0], others[1], rand.pick(['GET', others[2]])]);
  for (const method of methods) {
    const path = rand.path();
    note(`${method} ${path}`);
    const res = await http.request({ method, path });
    expect(res.status, `status for ${method}`).toBe(200, 'every method should get 200');
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
  const headers = echoOf(res).headers;
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    fail('"headers" should be an object: send req.headers as it is');
  }
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
