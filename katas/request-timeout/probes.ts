import { probe, expect, fail } from 'katabox/probe';
import type { Http, Raw, Rand } from 'katabox/probe';

/** The contract: a request must have arrived whole within this time. */
const LIMIT_MS = 2000;
/** A 408 may come this much later than the limit (timers are checked periodically, the machine is shared). */
const LATE_MS = 2500;
/** How long a stalled connection is kept open waiting for the 408. */
const WAIT_MS = LIMIT_MS + LATE_MS + 1500;

function randomPath(rand: Rand): string {
  return `/${rand.pick(['upload', 'import', 'files'])}/${rand.word(3, 8)}`;
}

/**
 * Opens a connection, sends the start of a request and then nothing more; reports what came
 * back and after how long.
 */
async function stall(raw: Raw, bytes: string): Promise<{ text: string; ms: number }> {
  const started = Date.now();
  const text = await raw.send(bytes, { timeoutMs: WAIT_MS });
  return { text, ms: Date.now() - started };
}

/** Checks that a stalled request got its 408 in time and its connection closed. */
function expect408(result: { text: string; ms: number }, what: string, hint: string): void {
  const statusLine = result.text.split('\r\n')[0] ?? '';
  if (result.text === '') {
    if (result.ms < WAIT_MS - 500) fail(`the server closed the connection of ${what} after ${result.ms} ms without a word — answer 408 Request Timeout before closing (a bare socket timeout such as server.setTimeout() does not)`);
    fail(`${what}: nothing came back within ${WAIT_MS / 1000} s — ${hint}, and Node checks for expired requests only every connectionsCheckingInterval ms (30 s by default)`);
  }
  expect(statusLine, `status line for ${what}`).toMatch(/^HTTP\/1\.[01] 408\b/, hint);
  if (result.ms >= WAIT_MS - 500) {
    fail(`${what} got its 408, but the connection stayed open — the rest of the request will never be read, so close it (Connection: close, or let Node's own timeout do it)`);
  }
  expect(result.ms, `ms until ${what} got its 408`).toSatisfy(
    (ms) => ms <= LIMIT_MS + LATE_MS,
    `at most ${LIMIT_MS + LATE_MS} ms (the ${LIMIT_MS} ms limit and a margin)`,
    'the 408 came, but late: Node checks for expired requests only every connectionsCheckingInterval ms (30 s by default)',
  );
}

async function expectBytes(http: Http, path: string, body: string, what: string): Promise<void> {
  const res = await http.request({ method: 'POST', path, body, headers: { 'content-type': 'application/octet-stream' } });
  expect(res.status, `status of ${what}`).toBe(200, 'a request that arrives in time is answered 200');
  expect(res.json(), `body of ${what}`).toEqual({ bytes: body.length }, 'answer { bytes: <number of body bytes> } once the whole body has arrived');
}

probe('normal-request', { name: 'a normal request gets 200 with its size', visibility: 'sample' }, async ({ http, rand }) => {
  const body = rand.string(rand.int(10, 2000), 'abcdefghijklmnopqrstuvwxyz0123456789');
  await expectBytes(http, randomPath(rand), body, 'a POST');
  const res = await http.get(randomPath(rand));
  expect(res.status, 'status of a GET').toBe(200, 'every request that arrives in time gets 200');
  expect(res.json(), 'body of a GET').toEqual({ bytes: 0 }, 'a GET has no body: { bytes: 0 }');
});

probe('slow-upload-ok', { name: 'an upload that trickles in within the limit succeeds', weight: 2, visibility: 'sample', timeoutMs: 8000 }, async ({ http, rand, note }) => {
  const pieces = Array.from({ length: 5 }, () => rand.string(rand.int(20, 200), 'abcdefghijklmnopqrstuvwxyz'));
  note(`5 chunks 200 ms apart: the whole request takes about 800 ms of the ${LIMIT_MS} ms allowed`);
  const res = await http.request({ method: 'POST', path: randomPath(rand), chunks: pieces, chunkDelayMs: 200, timeoutMs: 5000 });
  expect(res.status, 'status').toBe(200, `this request arrived whole well within ${LIMIT_MS} ms: it must not be timed out (is the limit too short?)`);
  expect(res.json(), 'body').toEqual({ bytes: pieces.join('').length }, 'count every byte of every chunk');
});

probe('stalled-headers-408', { name: 'a client that stalls in its headers gets 408', weight: 2, visibility: 'sample', timeoutMs: 10000 }, async ({ raw, rand }) => {
  const head = `POST ${randomPath(rand)} HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nX-${rand.word(3, 6)}: ${rand.word()}`;
  const result = await stall(raw, head);
  expect408(result, 'a request whose head never ends', 'the head never finished: headersTimeout bounds it (your request handler never even runs for such a request)');
});

probe('stalled-body-408', { name: 'a client that stalls mid-body gets 408, and the server lives on', weight: 2, timeoutMs: 12000 }, async ({ http, raw, rand, sleep, alive }) => {
  const declared = rand.int(500, 5000);
  const partial = rand.string(rand.int(10, 100), 'abcdefghijklmnopqrstuvwxyz');
  const bytes = `POST ${randomPath(rand)} HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: ${declared}\r\n\r\n${partial}`;
  const result = await stall(raw, bytes);
  expect408(result, `a request that sent ${partial.length} of its ${declared} body bytes`, 'the body never finished: requestTimeout bounds the whole request');
  await sleep(200);
  expect(await alive(), 'server still running').toBe(
    true,
    'when Node times a request out it destroys the socket, and reading that body throws "aborted": catch it, or the unhandled rejection ends the process',
  );
  await expectBytes(http, randomPath(rand), rand.string(50, 'xyz'), 'the next request');
});

probe('others-served-meanwhile', { name: 'other clients are served while one stalls', weight: 2, timeoutMs: 12000 }, async ({ http, raw, rand, sleep, note }) => {
  // A stalled body: the stalled request has reached the handler, which is waiting for the rest.
  const stalled = stall(raw, `POST ${randomPath(rand)} HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${rand.int(200, 900)}\r\n\r\n${rand.word(5, 30)}`);
  await sleep(300);
  for (let i = 1; i <= 3; i++) {
    const started = Date.now();
    await expectBytes(http, randomPath(rand), rand.string(rand.int(10, 300), 'abcdef0123456789'), `request ${i}`);
    const ms = Date.now() - started;
    note(`request ${i} took ${ms} ms while the stalled client waited`);
    expect(ms, `ms for request ${i} while another client stalls`).toSatisfy(
      (v) => v < 1000,
      'under 1000 ms',
      'one stalled client must not hold up the others: do not process requests one at a time',
    );
  }
  await stalled;
});
