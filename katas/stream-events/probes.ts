import { probe, expect, fail, utf8 } from 'katabox/probe';
import type { Body, Http, HttpResponse, Rand } from 'katabox/probe';

interface Stats {
  completed: number;
  aborted: number;
  bytes: number;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const TEXT_TYPE = /^text\/plain\s*(;|$)/i;
const ACCENTED = ['café', 'naïve', 'Zürich', 'smörgåsbord', 'façade', 'Straße', 'Ελλάδα', 'Kraków'];
const WIDE = ['🚀', '🦄', '日本語', '€', '✓', '한국어'];

/** A few lines of words; `accents` mixes in letters that take 2–4 bytes in UTF-8. */
function randomText(rand: Rand, lines: number, accents: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const words = Array.from({ length: rand.int(2, 6) }, () => rand.word(2, 9));
    if (accents) words.splice(rand.int(0, words.length), 0, rand.pick(ACCENTED), rand.pick(WIDE));
    out.push(words.join(' '));
  }
  return out.join('\n') + (rand.bool() ? '\n' : '');
}

/** An ASCII body of about `size` bytes: lines of words, so it has newlines to count. */
function largeText(rand: Rand, size: number): string {
  const lines: string[] = [];
  let length = 0;
  while (length < size) {
    const line = Array.from({ length: rand.int(3, 12) }, () => rand.word(2, 10)).join(' ');
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** Cuts `text` into `parts` pieces at random places, never inside a character. */
function split(rand: Rand, text: string, parts: number): string[] {
  const chars = Array.from(text);
  const cuts = new Set<number>();
  while (cuts.size < Math.min(parts - 1, chars.length - 1)) cuts.add(rand.int(1, chars.length - 1));
  const points = [0, ...Array.from(cuts).sort((a, b) => a - b), chars.length];
  return points.slice(1).map((end, i) => chars.slice(points[i], end).join(''));
}

function newlines(text: string): number {
  return text.split('\n').length - 1;
}

/** What a wrong count most likely means, when it matches a known mistake. */
function countMistake(text: string, got: { bytes?: unknown }): string | undefined {
  const bytes = utf8(text).length;
  if (typeof got.bytes !== 'number' || got.bytes === bytes) return undefined;
  if (got.bytes === text.length || got.bytes === Array.from(text).length) {
    return `${got.bytes} is the number of characters, not bytes: é takes 2 bytes and 🚀 4 — count chunk.length on the Buffers, before any decoding`;
  }
  if (got.bytes < bytes) {
    return `only ${got.bytes} of the ${bytes} bytes were counted: the body comes in several 'data' events — add up every chunk, and answer only in 'end'`;
  }
  return undefined;
}

function expectCount(res: HttpResponse, text: string, hint: string): void {
  expect(res.status, 'status').toBe(200, 'POST /count answers 200 once the body has ended');
  expect(res.headers['content-type'], 'Content-Type').toMatch(JSON_TYPE, 'the count is JSON');
  const data = res.json<{ bytes?: unknown }>();
  expect(data, 'count').toEqual({ bytes: utf8(text).length, lines: newlines(text) }, countMistake(text, data ?? {}) ?? hint);
}

/** What a wrong echo most likely means, when it matches a known mistake. */
function upperMistake(text: string, got: string): string | undefined {
  const want = text.toUpperCase();
  const whole = got.replace(/\uFFFD+$/, ''); // a first chunk may end inside a character
  if (got.length < want.length && want.startsWith(whole)) {
    return `only the first ${whole.length} of ${want.length} characters came back: the body comes in several 'data' events — collect every chunk until 'end'`;
  }
  if (got.includes('\uFFFD')) {
    return "U+FFFD (�) replaced a character whose bytes were split between two chunks: decode the whole body once (Buffer.concat(...).toString()), or call req.setEncoding('utf8') so Node keeps split characters together";
  }
  if (got === text) return 'the text came back as it was sent: uppercase it with toUpperCase()';
  return undefined;
}

function expectUpper(res: HttpResponse, text: string, hint: string): void {
  expect(res.status, 'status').toBe(200, 'POST /upper answers 200 once the body has ended');
  expect(res.headers['content-type'], 'Content-Type').toMatch(TEXT_TYPE, 'the echo is plain text');
  expect(res.body, 'body').toBe(text.toUpperCase(), upperMistake(text, res.body) ?? hint);
}

const TEXT_HEADERS = { 'content-type': 'text/plain; charset=utf-8' };

function postBody(http: Http, path: string, body: Body): Promise<HttpResponse> {
  return http.request({ method: 'POST', path, body, headers: TEXT_HEADERS, timeoutMs: 6000 });
}

/** Sends the body in pieces with pauses long enough for each to reach the server on its own. */
function postChunks(http: Http, path: string, chunks: Body[], chunkDelayMs = 120): Promise<HttpResponse> {
  return http.request({ method: 'POST', path, chunks, chunkDelayMs, headers: TEXT_HEADERS, timeoutMs: 5000 });
}

async function readStats(http: Http): Promise<Stats> {
  const res = await http.get('/stats');
  expect(res.status, 'status for GET /stats').toBe(200, 'GET /stats answers 200');
  expect(res.headers['content-type'], 'Content-Type for GET /stats').toMatch(JSON_TYPE, 'the stats are JSON');
  const data = res.json<Stats>();
  expect(data, 'stats').toSatisfy(
    (s) => typeof s === 'object' && s !== null && ['completed', 'aborted', 'bytes'].every((k) => Number.isInteger((s as unknown as Record<string, unknown>)[k])),
    'an object with integer completed, aborted and bytes',
    'answer { "completed": <n>, "aborted": <n>, "bytes": <n> }',
  );
  return data;
}

probe('count-one-piece', { name: 'POST /count counts bytes and lines', visibility: 'sample' }, async ({ http, rand, note }) => {
  const text = randomText(rand, rand.int(2, 5), false);
  note(`a ${utf8(text).length}-byte body with ${newlines(text)} newline(s), in one piece`);
  expectCount(await postBody(http, '/count', text), text, 'bytes is the size of the body, lines the number of \\n in it');
});

probe('count-chunks', { name: 'a body sent in several chunks is counted whole', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const text = randomText(rand, rand.int(4, 8), false);
  const chunks = split(rand, text, rand.int(4, 7));
  note(`the body was sent in ${chunks.length} pieces, 120 ms apart: ${JSON.stringify(chunks)}`);
  expectCount(
    await postChunks(http, '/count', chunks),
    text,
    "the body arrives in several 'data' events: add up every chunk, and answer only in 'end'",
  );
});

probe('upper-echo', { name: 'POST /upper echoes the body uppercased', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const text = randomText(rand, rand.int(2, 4), true);
  const chunks = split(rand, text, rand.int(3, 5));
  note(`the body was sent in ${chunks.length} pieces, 120 ms apart: ${JSON.stringify(chunks)}`);
  expectUpper(await postChunks(http, '/upper', chunks), text, "collect the whole body (every 'data' until 'end'), then answer it with toUpperCase()");
});

probe('not-found', { name: 'anything else gets 404 Not Found', visibility: 'sample' }, async ({ http, rand, note }) => {
  const requests: Array<[string, string]> = [
    [rand.pick(['GET', 'PUT']), rand.pick(['/count', '/upper'])],
    ['POST', `/${rand.word(3, 8)}`],
    [rand.pick(['POST', 'DELETE']), '/stats'],
  ];
  for (const [method, path] of requests) {
    note(`${method} ${path}`);
    const res = await http.request({ method, path, body: method === 'POST' || method === 'PUT' ? rand.word() : undefined });
    expect(res.status, `status for ${method} ${path}`).toBe(404, 'only POST /count, POST /upper and GET /stats exist');
    expect(res.headers['content-type'], 'Content-Type').toMatch(TEXT_TYPE, 'the 404 is plain text');
    expect(res.body, 'body').toBe('Not Found', 'exactly "Not Found"');
  }
});

probe('count-large', { name: 'a large body is counted whole', weight: 2, timeoutMs: 10_000 }, async ({ http, rand, note }) => {
  const text = largeText(rand, rand.int(300, 700) * 1024);
  note(`a ${text.length}-byte body in one request: the server receives it in many 'data' events`);
  expectCount(await postBody(http, '/count', text), text, "a large body comes in many 'data' events (tens of KB each) even when sent at once: count them all");
});

probe('count-multibyte', { name: 'bytes are bytes, not characters', weight: 2 }, async ({ http, rand, note }) => {
  const text = randomText(rand, rand.int(2, 4), true);
  const chunks = split(rand, text, rand.int(3, 4));
  note(`${Array.from(text).length} characters, ${text.length} UTF-16 code units, ${utf8(text).length} bytes in UTF-8: ${JSON.stringify(text)}`);
  expectCount(
    await postChunks(http, '/count', chunks),
    text,
    'bytes counts the UTF-8 bytes of the body (é is 2, 🚀 is 4), lines its \\n bytes',
  );
});

probe('upper-split-character', { name: 'a character cut across two chunks survives', weight: 2 }, async ({ http, rand, note }) => {
  const text = `${rand.word(3, 8)} ${rand.pick(ACCENTED)} ${rand.word(3, 8)} ${rand.pick(WIDE)} ${rand.word(3, 8)}`;
  const bytes = utf8(text);
  // Cut inside two multi-byte characters: after the first byte of a character that has more.
  const inside: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0xc0) inside.push(i + 1);
  const cuts = rand.shuffle(inside).slice(0, 2).sort((a, b) => a - b);
  const chunks = [bytes.slice(0, cuts[0]), bytes.slice(cuts[0], cuts[1]), bytes.slice(cuts[1])].filter((c) => c.length > 0);
  note(`${JSON.stringify(text)} sent as ${chunks.length} byte chunks of ${chunks.map((c) => c.length).join(' + ')} bytes, 300 ms apart, each cut inside a character`);
  expectUpper(
    await postChunks(http, '/upper', chunks, 300),
    text,
    "the whole body, uppercased with toUpperCase()",
  );
});

probe('upper-large', { name: 'a large body is echoed whole', timeoutMs: 10_000 }, async ({ http, rand, note }) => {
  const text = largeText(rand, rand.int(150, 400) * 1024);
  note(`a ${text.length}-byte body in one request`);
  expectUpper(await postBody(http, '/upper', text), text, "the whole body, every 'data' event of it, uppercased");
});

probe('empty-body', { name: 'an empty body is an upload too' }, async ({ http, rand, note }) => {
  const path = rand.pick(['/count', '/upper']);
  note(`POST ${path} with an empty body (Content-Length: 0)`);
  const res = await http.request({ method: 'POST', path, body: '', headers: TEXT_HEADERS });
  if (path === '/count') expectCount(res, '', "an empty body emits no 'data' at all, only 'end': answer there");
  else expectUpper(res, '', "an empty body emits no 'data' at all, only 'end': answer there, with an empty body");
});

probe('stats', { name: 'GET /stats adds up the completed uploads', weight: 2 }, async ({ http, rand, note }) => {
  const before = await readStats(http);
  const first = randomText(rand, rand.int(1, 4), false);
  const second = randomText(rand, rand.int(1, 4), false);
  note(`stats before: ${JSON.stringify(before)}; then POST /count (${first.length} bytes) and POST /upper (${second.length} bytes)`);
  expectCount(await postBody(http, '/count', first), first, 'bytes and lines of the body');
  expectUpper(await postBody(http, '/upper', second), second, 'the body uppercased');
  const after = await readStats(http);
  expect(after, 'stats after two uploads').toEqual(
    { completed: before.completed + 2, aborted: before.aborted, bytes: before.bytes + first.length + second.length },
    'each upload that reached its end adds 1 to completed and its size to bytes — both routes count',
  );
});

// Last: a server that dies on an aborted upload takes no other probe with it.
probe('aborted-upload', { name: 'an abandoned upload counts as aborted, and adds no bytes', weight: 2, timeoutMs: 8000 }, async ({ http, rand, sleep, alive, note }) => {
  const before = await readStats(http);
  const full = largeText(rand, 4000);
  const sent = rand.int(500, 3000);
  note(`stats before: ${JSON.stringify(before)}; then a POST ${rand.pick(['/count', '/upper'])} announcing ${full.length} bytes that hangs up after ${sent}`);
  await http.abortMidBody({ method: 'POST', path: rand.pick(['/count', '/upper']), partialBody: full.slice(0, sent), declaredLength: full.length });
  let after = before;
  for (let i = 0; i < 15; i++) {
    await sleep(100);
    if (!(await alive())) fail("the server exited after the client hung up — an upload's 'error' must be handled, not thrown (for await throws it; a try/catch or an 'error' listener catches it)");
    after = await readStats(http);
    if (after.aborted !== before.aborted || after.completed !== before.completed) break;
  }
  expect(after, 'stats after the abandoned upload').toEqual(
    { completed: before.completed, aborted: before.aborted + 1, bytes: before.bytes },
    after.completed !== before.completed
      ? 'the upload never reached its end, yet it was counted as completed: count completed in \'end\' only'
      : after.bytes !== before.bytes
        ? "the abandoned upload's bytes were added to the total: add to bytes only once the body has ended"
        : "an upload cut off by the client never emits 'end'; it emits 'error' (ECONNRESET \"aborted\") — listen for it and count it as aborted",
  );
  const text = randomText(rand, 2, false);
  expectCount(await postBody(http, '/count', text), text, 'after an abandoned upload the server goes on serving');
});
