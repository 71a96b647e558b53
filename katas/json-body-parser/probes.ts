import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand, Raw, RequestOptions } from 'katabox/probe';

const LIMIT = 8192;
const TOO_LARGE = { error: 'Payload Too Large' };
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomDocument(rand: Rand): Record<string, unknown> {
  return {
    [rand.word(3, 6)]: rand.word(),
    count: rand.int(-1000, 100000),
    tags: [rand.word(), rand.word(2, 4)],
    nested: { ok: rand.bool(), nothing: null, ratio: rand.int(0, 800) / 8 },
  };
}

/** A JSON document of exactly `bytes` bytes (ASCII). */
function documentOfSize(rand: Rand, bytes: number): string {
  const head = `{"pad":"`;
  return head + rand.string(bytes - head.length - 2, LETTERS) + '"}';
}

function expectJson(res: HttpResponse, status: number, what: string, hint: string): unknown {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res, `Content-Type for ${what}`).toHaveContentType('application/json', "every response is JSON: { 'Content-Type': 'application/json' }");
  return res.json<unknown>();
}

function expectEcho(res: HttpResponse, sent: unknown, what: string, hint: string): void {
  const data = expectJson(res, 200, what, hint) as { received?: unknown };
  expect(data, `body for ${what}`).toEqual({ received: sent }, 'answer { "received": <the parsed body> }');
}

/** Status line and body of a raw HTTP response ('' when nothing came back). */
function parseRaw(text: string): { status: number | undefined; body: string } {
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
  const split = text.indexOf('\r\n\r\n');
  return { status: status === undefined ? undefined : Number(status), body: split < 0 ? '' : text.slice(split + 4) };
}

/** Sends the head and part of a body that will never be completed, and expects a 413 anyway. */
async function expectEarly413(raw: Raw, request: string, what: string, hint: string): Promise<void> {
  const { status, body } = parseRaw(await raw.send(request, { timeoutMs: 1500 }));
  if (status === undefined) {
    fail(`${what}: no answer came back (the connection was closed, or 1.5 s passed) while the rest of the body was still to come — ${hint}; and send the 413 before destroying the request`);
  }
  expect(status, `status for ${what}`).toBe(413, hint);
  expect(body, `body of the 413 for ${what}`).toContain('"Payload Too Large"', 'a 413 answers { "error": "Payload Too Large" }');
}

async function post(http: Http, options: Omit<RequestOptions, 'method' | 'path'>, what: string): Promise<HttpResponse> {
  try {
    return await http.request({ method: 'POST', path: '/echo', ...options });
  } catch (err) {
    return fail(
      `${what}: ${(err as Error).message} — if you call req.destroy() (or destroy the socket) before the answer is sent, the answer goes down with it: answer with 'Connection: close', or destroy in res.end's callback`,
    );
  }
}

probe('accepts-json', { name: 'a JSON body is parsed', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const doc = randomDocument(rand);
  expectEcho(await http.post('/echo', doc), doc, 'POST /echo', 'a JSON body within the limit answers 200 { received }');
});

probe('malformed-400', { name: 'malformed JSON gets 400', visibility: 'sample' }, async ({ http, rand }) => {
  const key = rand.word();
  const body = rand.pick([`{"${key}": ${rand.word()}}`, `{"${key}": "${rand.word()}"`, `{${key}: 1}`, `[1, 2,]`, `'${rand.word()}'`]);
  const res = await http.request({ method: 'POST', path: '/echo', body, headers: { 'Content-Type': 'application/json' } });
  const data = expectJson(res, 400, 'POST /echo with malformed JSON', 'JSON.parse throws on it: catch that and answer 400');
  expect(data, 'body').toEqual({ error: 'Invalid JSON' }, 'answer { "error": "Invalid JSON" }');
});

probe('wrong-type-415', { name: 'a body that is not declared as JSON gets 415', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const json = JSON.stringify(randomDocument(rand));
  const cases: Array<[type: string | undefined, body: string]> = [
    [undefined, json],
    [rand.pick(['text/plain', 'text/plain; charset=utf-8']), json],
    [rand.pick(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']), `${rand.word()}=${rand.word()}`],
    [rand.pick(['application/x-ndjson', 'text/json']), json],
  ];
  for (const [type, body] of rand.shuffle(cases)) {
    note(`POST /echo with ${type === undefined ? 'no Content-Type' : `Content-Type: ${type}`}`);
    const res = await http.request({ method: 'POST', path: '/echo', body, headers: type === undefined ? {} : { 'Content-Type': type } });
    const data = expectJson(
      res,
      415,
      `POST /echo with ${type === undefined ? 'no Content-Type' : `Content-Type: ${type}`}`,
      'only the media type application/json is parsed: compare the part before ";" (trimmed, lowercased) with it, and answer 415 for anything else, a missing header included',
    );
    expect(data, 'body').toEqual({ error: 'Unsupported Media Type' }, 'answer { "error": "Unsupported Media Type" }');
  }
});

probe('too-large-413', { name: 'a body over 8192 bytes gets 413', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const size = LIMIT + rand.pick([1, rand.int(2, 4000)]);
  note(`a JSON body of ${size} bytes`);
  const res = await post(http, { body: documentOfSize(rand, size), headers: { 'Content-Type': 'application/json' } }, `POST /echo with ${size} bytes`);
  const data = expectJson(res, 413, `POST /echo with ${size} bytes`, `the limit is 8192 bytes and this body has ${size}`);
  expect(data, 'body').toEqual(TOO_LARGE, 'answer { "error": "Payload Too Large" }');
});

probe('at-the-limit', { name: 'a body of exactly 8192 bytes is accepted' }, async ({ http, rand }) => {
  const text = documentOfSize(rand, LIMIT);
  const res = await http.request({ method: 'POST', path: '/echo', body: text, headers: { 'content-type': 'application/json' } });
  expectEcho(res, JSON.parse(text), 'POST /echo with exactly 8192 bytes', 'the limit is inclusive: 8192 bytes are allowed, 8193 are not (compare with >, not >=)');
});

probe('type-parameters', { name: 'Content-Type is matched case-insensitively, with parameters' }, async ({ http, rand, note }) => {
  for (const type of rand.shuffle(['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8']).slice(0, 2)) {
    const doc = randomDocument(rand);
    note(`Content-Type: ${type}`);
    const res = await http.request({ method: 'POST', path: '/echo', body: JSON.stringify(doc), headers: { 'Content-Type': type } });
    expectEcho(res, doc, `POST /echo with Content-Type: ${type}`, 'media types are case-insensitive and may carry parameters after ";": this is application/json');
  }
});

probe('empty-body-400', { name: 'an empty body is not JSON' }, async ({ http }) => {
  const res = await http.request({ method: 'POST', path: '/echo', body: '', headers: { 'Content-Type': 'application/json' } });
  const data = expectJson(res, 400, 'POST /echo with an empty body', "JSON.parse('') throws: an empty body gets the same 400 as malformed JSON");
  expect(data, 'body').toEqual({ error: 'Invalid JSON' }, 'answer { "error": "Invalid JSON" }');
});

probe('declared-too-large', { name: 'a Content-Length over the limit is refused before the body arrives', weight: 2 }, async ({ raw, rand, note }) => {
  const declared = rand.int(LIMIT * 4, LIMIT * 60);
  const partial = rand.string(rand.int(20, 200), LETTERS);
  note(`Content-Length: ${declared}, of which ${partial.length} bytes are sent; the rest never comes`);
  await expectEarly413(
    raw,
    `POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${partial}`,
    `POST /echo with Content-Length: ${declared}`,
    'the Content-Length header already says the body is too large: answer 413 at once, without waiting for (and storing) the body',
  );
});

probe('counts-while-reading', { name: 'a chunked body is refused as soon as it passes the limit', weight: 2 }, async ({ raw, rand, note }) => {
  const sizes = [rand.int(3000, 4000), rand.int(3000, 4000), rand.int(3000, 4000)]; // 9000 bytes at least: always over the limit
  const chunks = sizes.map((n) => `${n.toString(16)}\r\n${rand.string(n, LETTERS)}\r\n`).join('');
  const total = sizes.reduce((a, b) => a + b, 0);
  note(`${total} bytes sent in three chunks, with no Content-Length and no final chunk`);
  await expectEarly413(
    raw,
    `POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}`,
    `POST /echo with ${total} chunked bytes`,
    'a chunked body has no Content-Length: add up the bytes of each chunk as it arrives and answer 413 as soon as the total passes 8192, without waiting for the end',
  );
});

probe('counts-bytes', { name: 'the limit counts bytes, not characters', weight: 2 }, async ({ http, rand, note }) => {
  const char = rand.pick(['€', '✓', '日', 'ü', 'é']);
  const bytesPerChar = char === 'ü' || char === 'é' ? 2 : 3;
  const count = Math.ceil((LIMIT + rand.int(100, 1500)) / bytesPerChar);
  note(`${count} × "${char}" (${bytesPerChar} bytes each) in a chunked body of about ${count * bytesPerChar} bytes and ${count + 10} characters`);
  const res = await post(
    http,
    { headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, chunks: [`{"text":"${char.repeat(count)}`, '"}'], chunkDelayMs: 300 },
    'POST /echo with a multi-byte body',
  );
  const data = expectJson(res, 413, 'POST /echo with a multi-byte body', `the body has fewer than 8192 characters but more than 8192 bytes: count chunk.length of the Buffers, not the length of decoded strings`);
  expect(data, 'body').toEqual(TOO_LARGE, 'answer { "error": "Payload Too Large" }');
});

probe('keeps-serving', { name: 'refused and aborted uploads do not stop the server', weight: 2 }, async ({ http, raw, rand, sleep, alive }) => {
  await raw.send(`POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${LIMIT * 10}\r\n\r\n{"a":`, { timeoutMs: 300 });
  const full = JSON.stringify({ upload: rand.string(300, LETTERS) });
  await http.abortMidBody({ method: 'POST', path: '/echo', headers: { 'Content-Type': 'application/json' }, partialBody: full.slice(0, rand.int(20, 200)), declaredLength: full.length + 400 });
  await sleep(200);
  expect(await alive(), 'server still running').toBe(true, 'a client that hangs up mid-upload makes the request emit an error (for await throws it): handle it, or the process ends');
  const doc = randomDocument(rand);
  expectEcho(await http.post('/echo', doc), doc, 'POST /echo afterwards', 'after a refused and an aborted upload, the next request is served as usual');
});
