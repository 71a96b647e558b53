import { probe, expect, fail, utf8 } from 'katabox/probe';
import type { Http, HttpResponse, ProbeContext, Rand } from 'katabox/probe';

/** How long the server gets to notice a disconnect: far more than it needs, checked every 200 ms. */
const NOTICE_MS = 2000;

interface Stats {
  files: number;
  uploading: number;
}

/** UTF-8 size of a string. */
function byteLength(text: string): number {
  return utf8(text).length;
}

/** A name no other probe uses, so the store's state from earlier probes does not matter. */
function fileName(rand: Rand): string {
  return `${rand.word(3, 8)}-${rand.int(1000, 9999)}${rand.pick(['', '_v2', '-draft'])}`;
}

function content(rand: Rand): string {
  const parts: string[] = [];
  for (let i = rand.int(6, 12); i > 0; i--) parts.push(rand.pick([rand.word(), rand.word(2, 4), 'café', 'Zürich', '✓', '🚀', String(rand.int(0, 9999))]));
  return parts.join(rand.pick([' ', '\n', ', ']));
}

function jsonOf(res: HttpResponse, what: string): unknown {
  expect(res, `Content-Type for ${what}`).toHaveContentType('application/json', "answer JSON with { 'Content-Type': 'application/json' }");
  return res.json<unknown>();
}

async function stats(http: Http): Promise<Stats> {
  const res = await http.get('/stats');
  expect(res.status, 'status for GET /stats').toBe(200, 'GET /stats answers 200');
  const data = jsonOf(res, 'GET /stats') as Partial<Stats>;
  expect(data, 'GET /stats').toSatisfy(
    (d) => Number.isInteger(d.files) && Number.isInteger(d.uploading) && d.files! >= 0 && d.uploading! >= 0,
    '{ "files": <integer>, "uploading": <integer> }',
    'report how many files are stored and how many uploads are being received',
  );
  return data as Stats;
}

async function put(http: Http, name: string, body: string): Promise<void> {
  const res = await http.request({ method: 'PUT', path: `/files/${name}`, body });
  expect(res.status, `status for PUT /files/${name}`).toBe(201, 'a complete upload answers 201');
  expect(jsonOf(res, `PUT /files/${name}`), `body for PUT /files/${name}`).toEqual(
    { name, size: byteLength(body) },
    'answer { name, size } where size counts the bytes received (Buffer.concat(chunks).length), not characters',
  );
}

async function expectFile(http: Http, name: string, body: string, hint: string): Promise<void> {
  const res = await http.get(`/files/${name}`);
  expect(res.status, `status for GET /files/${name}`).toBe(200, hint);
  expect(res, `Content-Type for GET /files/${name}`).toHaveContentType('application/octet-stream', "a download is { 'Content-Type': 'application/octet-stream' }");
  expect(res.body, `body for GET /files/${name}`).toBe(body, hint);
}

/** Cuts an upload of `full` off after a random share of it. */
async function abortUpload({ http, rand, note }: ProbeContext, name: string, full: string): Promise<void> {
  const padded = `${full}${'.'.repeat(200)}`;
  const cut = rand.int(20, 150);
  note(`PUT /files/${name}: ${cut} of ${byteLength(padded) + 300} announced bytes sent, then the client disconnected`);
  await http.abortMidBody({ method: 'PUT', path: `/files/${name}`, partialBody: padded.slice(0, cut), declaredLength: byteLength(padded) + 300 });
}

/**
 * Polls /stats until no upload is in progress, or NOTICE_MS passed; returns the last stats
 * and whether it got there. The server notices a disconnect within milliseconds.
 */
async function settle({ http, sleep, alive }: ProbeContext): Promise<{ last: Stats; idle: boolean }> {
  let last = await stats(http);
  for (let waited = 0; last.uploading !== 0 && waited < NOTICE_MS; waited += 200) {
    await sleep(200);
    if (!(await alive())) fail('the server process exited after the client disconnected — an aborted upload makes for await throw: catch it');
    last = await stats(http);
  }
  return { last, idle: last.uploading === 0 };
}

probe('upload-download', { name: 'PUT stores a file, GET returns it', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const name = fileName(rand);
  const body = content(rand);
  note(`PUT /files/${name} with ${byteLength(body)} bytes, then GET it`);
  await put(http, name, body);
  await expectFile(http, name, body, 'GET returns exactly the bytes that were uploaded');
  const missing = fileName(rand);
  const res = await http.get(`/files/${missing}`);
  expect(res.status, `status for GET /files/${missing}`).toBe(404, 'a file that was never uploaded is 404');
  expect(jsonOf(res, `GET /files/${missing}`), 'body').toEqual({ error: 'not found' }, 'answer { "error": "not found" }');
});

probe('stats', { name: 'GET /stats counts the stored files', visibility: 'sample' }, async ({ http, rand, note }) => {
  const before = await stats(http);
  expect(before.uploading, 'uploading while nothing is being uploaded').toBe(0, 'no upload is in progress, so "uploading" is 0');
  const name = fileName(rand);
  note(`files before: ${before.files}; then PUT /files/${name}`);
  await put(http, name, content(rand));
  const after = await stats(http);
  expect(after.files, 'files after one more upload').toBe(before.files + 1, '"files" is the number of files stored');
});

probe('chunked-upload', { name: 'a body that arrives in several chunks', weight: 2 }, async ({ http, rand, note }) => {
  const name = fileName(rand);
  const chunks = Array.from({ length: rand.int(3, 6) }, () => content(rand));
  note(`PUT /files/${name} in ${chunks.length} chunks`);
  const res = await http.request({ method: 'PUT', path: `/files/${name}`, chunks, chunkDelayMs: 40 });
  const body = chunks.join('');
  expect(res.status, 'status').toBe(201, 'store the file once the whole body has arrived');
  expect(jsonOf(res, `PUT /files/${name}`), 'body').toEqual({ name, size: byteLength(body) }, 'size counts every byte of every chunk');
  await expectFile(http, name, body, 'collect every chunk until the stream ends, then store them together');
});

probe('uploading-count', { name: '"uploading" counts an upload in progress', weight: 2 }, async ({ http, rand, sleep, note }) => {
  const name = fileName(rand);
  const chunks = Array.from({ length: 5 }, () => content(rand));
  note(`PUT /files/${name} in 5 chunks, 400 ms apart, while GET /stats is polled`);
  const upload = http.request({ method: 'PUT', path: `/files/${name}`, chunks, chunkDelayMs: 400 });
  let seen = 0;
  for (let i = 0; i < 8; i++) {
    await sleep(150);
    seen = Math.max(seen, (await stats(http)).uploading);
  }
  const res = await upload;
  expect(res.status, `status for PUT /files/${name}`).toBe(201, 'the slow upload completes normally');
  expect(seen, '"uploading" seen during a 1.6 s upload').toSatisfy((n) => n >= 1, 'at least 1', 'count an upload from the moment its request arrives until its body is complete');
  expect((await stats(http)).uploading, '"uploading" after the upload completed').toBe(0, 'a completed upload is no longer in progress');
});

probe('abort-survives', { name: 'the server survives an upload cut off halfway', weight: 2, visibility: 'sample' }, async (ctx) => {
  const { http, rand, sleep, alive } = ctx;
  await abortUpload(ctx, fileName(rand), content(rand));
  await sleep(300);
  expect(await alive(), 'server still running').toBe(true, 'the cut-off body makes for await throw (ECONNRESET "aborted"): catch it, or the rejection ends the process');
  const name = fileName(rand);
  const body = content(rand);
  await put(http, name, body);
  await expectFile(http, name, body, 'after an aborted upload the server goes on serving as usual');
});

probe('abort-stores-nothing', { name: 'a cut-off upload stores nothing', weight: 2 }, async (ctx) => {
  const { http, rand } = ctx;
  const name = fileName(rand);
  const before = await stats(http);
  await abortUpload(ctx, name, content(rand));
  const { last: after } = await settle(ctx);
  const res = await http.get(`/files/${name}`);
  expect(res.status, `status for GET /files/${name}`).toBe(
    404,
    'only a complete body may be stored: writing chunks into the store as they arrive leaves a truncated file behind',
  );
  expect(after.files, 'files after the cut-off upload').toBe(before.files, 'a cut-off upload must not add a file');
});

probe('abort-keeps-previous', { name: 'a cut-off replacement keeps the earlier file', weight: 2 }, async (ctx) => {
  const { http, rand, note } = ctx;
  const name = fileName(rand);
  const first = content(rand);
  note(`PUT /files/${name} completes, then a second PUT to the same name is cut off`);
  await put(http, name, first);
  await abortUpload(ctx, name, content(rand));
  await settle(ctx);
  await expectFile(
    http,
    name,
    first,
    'the earlier complete file must stay as it was: replace it only once the new body is complete (not by deleting it first or writing over it chunk by chunk)',
  );
});

probe('abort-counter', { name: '"uploading" goes back to 0 after a cut-off upload', weight: 2 }, async (ctx) => {
  await abortUpload(ctx, fileName(ctx.rand), content(ctx.rand));
  const { last, idle } = await settle(ctx);
  if (!idle) {
    fail(
      `"uploading" was still ${last.uploading} ${NOTICE_MS / 1000} s after the upload was cut off — the 'end' event never fires for an aborted body: release the count in finally (around for await) or on the request's 'close' event`,
    );
  }
  const name = fileName(ctx.rand);
  const body = content(ctx.rand);
  await put(ctx.http, name, body);
  await expectFile(ctx.http, name, body, 'the server goes on serving as usual');
});
