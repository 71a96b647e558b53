import { probe, expect, fail } from 'katabox/probe';
import type { HttpResponse, Rand } from 'katabox/probe';

/** A small random document with nested values, ASCII only (multi-byte text has its own probe). */
function randomDocument(rand: Rand): Record<string, unknown> {
  const name = rand.word(3, 8);
  return {
    name: name.charAt(0).toUpperCase() + name.slice(1),
    [rand.word(3, 6)]: rand.int(-1000, 100000),
    tags: [rand.word(), rand.word(), rand.word(2, 4)],
    nested: { ok: rand.bool(), ratio: rand.int(0, 1000) / 8, nothing: null },
  };
}

/** Cuts `text` into `parts` non-empty pieces at random places, never inside a character. */
function split(rand: Rand, text: string, parts: number): string[] {
  const chars = Array.from(text); // code points, so a surrogate pair is never cut in two
  const cuts = new Set<number>();
  while (cuts.size < Math.min(parts - 1, chars.length - 1)) cuts.add(rand.int(1, chars.length - 1));
  const points = [0, ...Array.from(cuts).sort((a, b) => a - b), chars.length];
  const pieces: string[] = [];
  for (let i = 0; i + 1 < points.length; i++) pieces.push(chars.slice(points[i], points[i + 1]).join(''));
  return pieces;
}

function expectReceived(res: HttpResponse, sent: unknown, hint: string): void {
  expect(res.status, 'status').toBe(200, hint);
  expect(res, 'Content-Type').toHaveContentType('application/json', "answer with res.writeHead(200, { 'Content-Type': 'application/json' })");
  const data = res.json<{ received?: unknown }>();
  if (data === null || typeof data !== 'object' || !('received' in data)) {
    fail('the body should be a JSON object { "received": <the parsed body> }');
  }
  expect(data.received, 'received').toEqual(sent, hint);
}

function expectInvalid(res: HttpResponse, hint: string): void {
  expect(res.status, 'status').toBe(400, hint);
  expect(res, 'Content-Type').toHaveContentType('text/plain', "the error is plain text: { 'Content-Type': 'text/plain' }");
  expect(res.body, 'body').toBe('Invalid JSON body', 'the error body is exactly "Invalid JSON body" — do not add the parser\'s message');
}

probe('echo-json', { name: 'POST with a JSON body gets it back', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const doc = randomDocument(rand);
  const res = await http.post(rand.path(1, 2), doc);
  expectReceived(res, doc, 'read the whole body, JSON.parse it, and answer { received: <parsed> }');
});

probe('malformed-400', { name: 'malformed JSON gets 400', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const key = rand.word();
  const value = rand.word();
  const body = rand.pick([
    `{"${key}": ${value}}`,
    `{"${key}": "${value}"`,
    `{${key}: "${value}"}`,
    `["${key}", "${value}",]`,
    `'${value}'`,
    `${key}=${value}`,
  ]);
  const res = await http.request({ method: 'POST', path: rand.path(1, 2), body, headers: { 'content-type': 'application/json' } });
  expectInvalid(res, 'JSON.parse throws on malformed input: catch it and answer 400');
});

probe('method-405', { name: 'other methods get 405', visibility: 'sample' }, async ({ http, rand, note }) => {
  const methods = rand.shuffle(['GET', 'DELETE', 'PATCH', 'OPTIONS']).slice(0, 2);
  for (const method of methods) {
    const path = rand.path(1, 2);
    note(`${method} ${path}`);
    const res =
      method === 'PATCH'
        ? await http.request({ method, path, json: { [rand.word()]: rand.word() } })
        : await http.request({ method, path });
    expect(res.status, `status for ${method}`).toBe(405, 'only POST and PUT carry a body here; everything else is 405');
    expect(res, 'Content-Type').toHaveContentType('text/plain', "{ 'Content-Type': 'text/plain' }");
    expect(res.body, 'body').toBe('Method Not Allowed', 'exactly "Method Not Allowed"');
  }
});

probe('put-accepted', { name: 'PUT is accepted too' }, async ({ http, rand }) => {
  const value = rand.pick<unknown>([
    [rand.int(0, 99), rand.word(), null, true, { [rand.word()]: rand.int(1, 9) }],
    rand.word(3, 12),
    rand.int(-5000, 5000),
  ]);
  const res = await http.request({ method: 'PUT', path: rand.path(1, 2), json: value });
  expectReceived(res, value, 'PUT bodies are read exactly like POST bodies; any JSON value counts, not just objects');
});

probe('chunked-body', { name: 'a body sent in several chunks', weight: 2 }, async ({ http, rand, note }) => {
  const doc = randomDocument(rand);
  const chunks = split(rand, JSON.stringify(doc), rand.int(3, 5));
  note(`the body was sent in ${chunks.length} pieces: ${JSON.stringify(chunks)}`);
  const res = await http.request({
    method: 'POST',
    path: rand.path(1, 2),
    headers: { 'content-type': 'application/json' },
    chunks,
    chunkDelayMs: 40,
  });
  expectReceived(res, doc, "the body arrives in pieces: collect every chunk and parse only after the stream has ended ('end' or the end of for await)");
});

probe('multi-byte', { name: 'multi-byte characters survive', weight: 2 }, async ({ http, rand, note }) => {
  const doc = {
    city: rand.pick(['Zürich', 'Kraków', 'São Paulo', 'Reykjavík', 'Malmö']),
    note: `${rand.word()} café ${rand.pick(['🚀', '🦄', '🌍', '🎉'])} ${rand.word()}`,
    script: rand.pick(['日本語', 'Ελληνικά', 'русский', 'עברית']),
    who: rand.name(),
  };
  const text = JSON.stringify(doc);
  const chunks = split(rand, text, rand.int(4, 6));
  note(`the body was sent in ${chunks.length} pieces: ${JSON.stringify(chunks)}`);
  const res = await http.request({
    method: rand.pick(['POST', 'PUT']),
    path: rand.path(1, 2),
    headers: { 'content-type': 'application/json; charset=utf-8' },
    chunks,
    chunkDelayMs: 30,
  });
  expectReceived(
    res,
    doc,
    'decode the joined Buffers as UTF-8, and if you set Content-Length on the reply, count bytes (Buffer.byteLength), not characters',
  );
});

probe('empty-body-400', { name: 'an empty body is malformed JSON' }, async ({ http, rand }) => {
  const res = await http.request({ method: rand.pick(['POST', 'PUT']), path: rand.path(1, 2), body: '' });
  expectInvalid(res, "an empty body is not JSON (JSON.parse('') throws), so it gets the same 400");
});

probe('aborted-upload', { name: 'survives a client that hangs up mid-upload', weight: 2 }, async ({ http, rand, sleep, alive }) => {
  const full = JSON.stringify({ upload: rand.string(300, 'abcdefghijklmnopqrstuvwxyz0123456789'), by: rand.word() });
  const cut = rand.int(20, 200);
  await http.abortMidBody({
    method: 'POST',
    path: rand.path(1, 2),
    headers: { 'content-type': 'application/json' },
    partialBody: full.slice(0, cut),
    declaredLength: full.length + 500,
  });
  await sleep(200);
  expect(await alive(), 'server still running').toBe(
    true,
    'an aborted upload makes for await throw (ECONNRESET "aborted"): catch it, or the rejected promise ends the process',
  );
  const doc = randomDocument(rand);
  const res = await http.post(rand.path(1, 2), doc);
  expectReceived(res, doc, 'after an aborted upload the server should go on serving as usual');
});
