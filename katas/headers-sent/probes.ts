import { probe, expect, fail } from 'katabox/probe';
import type { HttpResponse, ProbeContext, Rand } from 'katabox/probe';

/** Far longer than any answer here takes (the slowest is 1000 rows, 5 ms apart, in the probes at most 60). */
const DEADLINE_MS = 2000;
/** A raw read that lasts this long was not cut off by the server: the read timed out. */
const RAW_TIMEOUT_MS = 3000;
const HUNG_AFTER_MS = 2500;

/** GET with a deadline; a failure says whether the server process is gone. */
async function get({ http, alive }: ProbeContext, path: string): Promise<HttpResponse> {
  try {
    return await http.request({ path, timeoutMs: DEADLINE_MS });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!(await alive())) {
      fail(`GET ${path}: the server process exited while answering — setHeader() or writeHead() after the body started throws ERR_HTTP_HEADERS_SENT (see the server's stderr)`);
    }
    fail(`GET ${path}: ${message}`);
  }
}

function expectText(res: HttpResponse, what: string, status: number, body: string, hint: string): void {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res, `Content-Type for ${what}`).toHaveContentType('text/plain', "every body is text: { 'Content-Type': 'text/plain' }");
  expect(res.body, `body for ${what}`).toBe(body, hint);
}

function rowsText(from: number, to: number): string {
  let text = '';
  for (let i = from; i <= to; i++) text += `row ${i}\n`;
  return text;
}

function primesBelow(n: number): number[] {
  const primes: number[] = [];
  for (let i = 2; i < n; i++) if (primes.every((p) => p * p > i || i % p !== 0)) primes.push(i);
  return primes;
}

interface RawReply {
  status: number;
  body: string;
  /** Whether the framing says the body was delivered whole (final chunk seen, or Content-Length bytes). */
  complete: boolean;
  framing: 'chunked' | 'length' | 'close';
}

/** Reads an HTTP/1.1 reply as it came off the socket (the bodies here are ASCII, so characters count bytes). */
function parseReply(text: string): RawReply | undefined {
  const split = text.indexOf('\r\n\r\n');
  if (split === -1) return undefined;
  const lines = text.slice(0, split).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
  if (!status) return undefined;
  const header = (name: string) => lines.find((l) => l.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
  let rest = text.slice(split + 4);
  if (/chunked/i.test(header('transfer-encoding') ?? '')) {
    let body = '';
    for (;;) {
      const eol = rest.indexOf('\r\n');
      if (eol === -1) return { status, body, complete: false, framing: 'chunked' };
      const size = parseInt(rest.slice(0, eol), 16);
      if (size === 0) return { status, body, complete: true, framing: 'chunked' };
      const piece = rest.slice(eol + 2, eol + 2 + size);
      body += piece;
      if (piece.length < size) return { status, body, complete: false, framing: 'chunked' };
      rest = rest.slice(eol + 2 + size + 2);
    }
  }
  const length = header('content-length');
  if (length !== undefined) return { status, body: rest, complete: rest.length >= Number(length), framing: 'length' };
  return { status, body: rest, complete: true, framing: 'close' };
}

function randomCount(rand: Rand): number {
  return rand.int(5, 60);
}

probe('rows-stream', { name: 'GET /rows answers every row', weight: 2, visibility: 'sample' }, async (ctx) => {
  const count = randomCount(ctx.rand);
  const path = `/rows?count=${count}`;
  ctx.note(`GET ${path}`);
  expectText(await get(ctx, path), `GET ${path}`, 200, rowsText(1, count), 'answer 200 with every row of readRows, each followed by \\n');
});

probe('rows-fail-first', { name: 'a failure before the first row gets 500', weight: 2 }, async (ctx) => {
  const count = randomCount(ctx.rand);
  const path = `/rows?count=${count}&failAt=1`;
  ctx.note(`GET ${path}`);
  let res: HttpResponse;
  try {
    res = await ctx.http.request({ path, timeoutMs: DEADLINE_MS });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!(await ctx.alive())) fail(`GET ${path}: the server process exited — catch the error of readRows`);
    fail(
      `GET ${path}: ${message} — readRows failed before the first row, so nothing had to be sent yet: answer 500. ` +
        '(Calling writeHead(200) before the first row makes res.headersSent true and takes the 500 away; so does letting pipeline() destroy the response.)',
    );
  }
  expectText(res, `GET ${path}`, 500, 'Internal Server Error', 'no row was sent, so the status can still change: answer 500 "Internal Server Error"');
});

probe('rows-fail-midway', { name: 'a failure after rows went out cuts the response off', weight: 3, visibility: 'sample' }, async (ctx) => {
  const { raw, rand, note, sleep, alive } = ctx;
  const count = randomCount(rand);
  const failAt = rand.int(3, count);
  const path = `/rows?count=${count}&failAt=${failAt}`;
  note(`GET ${path} (raw HTTP/1.1, to see how the response ends)`);
  const started = Date.now();
  let text = '';
  try {
    text = await raw.send(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`, { timeoutMs: RAW_TIMEOUT_MS });
  } catch {
    // The connection was reset before any byte arrived: a cut-off response with nothing in it.
  }
  const elapsed = Date.now() - started;
  await sleep(300);
  if (!(await alive())) {
    fail('the server process exited after readRows failed mid-stream — res.writeHead(500) (or setHeader) after rows were written throws ERR_HTTP_HEADERS_SENT: check res.headersSent first');
  }
  const reply = parseReply(text);
  if (reply?.status === 500) {
    expect(reply.body, 'body of the 500').toBe('Internal Server Error', 'a 500 carries the body "Internal Server Error"');
    note('answered 500: the rows were buffered, so nothing had been sent when readRows failed');
  } else if (reply === undefined && elapsed < HUNG_AFTER_MS) {
    note('the connection was closed before a complete status line and headers arrived');
  } else {
    if (reply === undefined) fail(`nothing came back within ${RAW_TIMEOUT_MS / 1000} s, and the connection stayed open — after a failure the response must be ended by res.destroy() or a 500`);
    expect(reply.status, 'status').toBe(200, 'rows were sent with 200; after the failure the status cannot change');
    const rowsSeen = reply.body.split('\n').filter(Boolean).length;
    if (reply.complete) {
      fail(
        `the response ended normally (${reply.framing === 'chunked' ? 'final chunk sent' : reply.framing === 'length' ? 'all Content-Length bytes sent' : 'closed without framing'}) with ${rowsSeen} of ${count} rows, ` +
          `so a client takes the truncated export for the whole one — after rows were sent, call res.destroy() instead of res.end()`,
      );
    }
    if (elapsed >= HUNG_AFTER_MS) {
      fail(`after row ${failAt - 1} the response was neither ended nor cut off within ${RAW_TIMEOUT_MS / 1000} s — the error was caught but nothing closed the response: call res.destroy()`);
    }
    expect(rowsText(1, failAt - 1).startsWith(reply.body), 'rows before the cut').toBe(true, `the rows sent before the failure are row 1 … row ${failAt - 1}, in order`);
    note(`cut off after ${rowsSeen} rows, as it should be`);
  }
  const after = `/rows?count=${rand.int(2, 6)}`;
  const res = await get(ctx, after);
  expect(res.status, `status for GET ${after} afterwards`).toBe(200, 'after a failed export the server goes on serving');
});

probe('rows-bad-input', { name: 'a bad count gets 400', weight: 1 }, async (ctx) => {
  const bad = ctx.rand.shuffle(['/rows', '/rows?count=', '/rows?count=0', `/rows?count=${ctx.rand.int(1001, 5000)}`, `/rows?count=${ctx.rand.word(2, 5)}`, '/rows?count=2.5', '/rows?count=-3']).slice(0, 3);
  for (const path of bad) {
    ctx.note(`GET ${path}`);
    expectText(await get(ctx, path), `GET ${path}`, 400, 'Bad Request', 'count must be an integer from 1 to 1000; check it before anything is written, then answer 400 "Bad Request"');
  }
});

probe('primes-body', { name: 'GET /primes lists the primes below n', weight: 2, visibility: 'sample' }, async (ctx) => {
  for (const below of [ctx.rand.int(2, 40), ctx.rand.int(1000, 20000)]) {
    const path = `/primes?below=${below}`;
    ctx.note(`GET ${path}`);
    const expected = primesBelow(below).map((p) => `${p}\n`).join('');
    expectText(await get(ctx, path), `GET ${path}`, 200, expected, `every prime smaller than ${below}, in increasing order, each followed by \\n`);
  }
});

probe('primes-count', { name: 'X-Prime-Count says how many primes', weight: 2, visibility: 'sample' }, async (ctx) => {
  for (const below of [ctx.rand.int(2, 40), ctx.rand.int(1000, 20000)]) {
    const path = `/primes?below=${below}`;
    ctx.note(`GET ${path}`);
    const res = await get(ctx, path);
    expect(res.status, `status for GET ${path}`).toBe(200);
    expect(res.headers['x-prime-count'], `X-Prime-Count for GET ${path}`).toBe(
      String(primesBelow(below).length),
      'the header must go out with the headers, before the body: compute the list first, then set X-Prime-Count, then send the body (a setHeader that throws ERR_HTTP_HEADERS_SENT and is caught leaves the header out)',
    );
  }
});

probe('primes-bad-input', { name: 'a bad below gets 400', weight: 1 }, async (ctx) => {
  const bad = ctx.rand.shuffle(['/primes', '/primes?below=', '/primes?below=1', '/primes?below=0', `/primes?below=${ctx.rand.int(20001, 99999)}`, `/primes?below=${ctx.rand.word(2, 5)}`, '/primes?below=7.5']).slice(0, 3);
  for (const path of bad) {
    ctx.note(`GET ${path}`);
    expectText(await get(ctx, path), `GET ${path}`, 400, 'Bad Request', 'below must be an integer from 2 to 20000: otherwise 400 "Bad Request"');
  }
});

probe('unknown-path', { name: 'other paths get 404', weight: 1 }, async (ctx) => {
  const word = ctx.rand.word(3, 8);
  for (const path of [`/${word === 'rows' || word === 'primes' ? `${word}s` : word}`, `/rows/${ctx.rand.int(1, 9)}`]) {
    ctx.note(`GET ${path}`);
    expectText(await get(ctx, path), `GET ${path}`, 404, 'Not Found', 'only /primes and /rows are routes: everything else is 404 "Not Found"');
  }
});
