import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse } from 'katabox/probe';

/** A slow request waits at least this close to its ms (timers never fire early by more). */
const EARLY_MS = 30;

interface Timed {
  res: HttpResponse;
  /** When it finished, in ms since `started`. */
  at: number;
}

async function timedGet(http: Http, path: string, started: number): Promise<Timed> {
  const res = await http.request({ method: 'GET', path, timeoutMs: 9000 });
  return { res, at: Date.now() - started };
}

function expectWaited(res: HttpResponse, ms: number, what: string): void {
  expect(res.status, `status of ${what}`).toBe(200, 'a valid ms gets 200 once the wait is over');
  expect(res.json(), `body of ${what}`).toEqual({ waited: ms }, 'answer { waited: <ms as a number> }');
}

const blockingHint = 'something blocks the event loop while a request waits (a busy loop, Atomics.wait, a synchronous call) — await a timer instead, e.g. setTimeout from node:timers/promises';

probe('slow-waits', { name: 'GET /slow?ms=N answers after about N ms', visibility: 'sample' }, async ({ http, rand }) => {
  const ms = rand.int(300, 600);
  const started = Date.now();
  const { res, at } = await timedGet(http, `/slow?ms=${ms}`, started);
  expectWaited(res, ms, `GET /slow?ms=${ms}`);
  expect(at, `ms until GET /slow?ms=${ms} answered`).toSatisfy((t) => t >= ms - EARLY_MS, `at least ${ms - EARLY_MS}`, 'answer only after the wait is over: await the timer before writing the response');
});

probe('ms-validated', { name: 'a missing or bad ms gets 400', visibility: 'sample' }, async ({ http, rand, note }) => {
  const bad = rand.shuffle(['', `ms=${rand.word(2, 5)}`, `ms=-${rand.int(1, 500)}`, `ms=${rand.int(5001, 99999)}`, `ms=${rand.int(1, 99)}.5`, `ms=`]).slice(0, 3);
  for (const query of bad) {
    const path = `/slow${query ? `?${query}` : ''}`;
    note(`GET ${path}`);
    const res = await http.get(path);
    expect(res.status, `status of GET ${path}`).toBe(400, 'ms must be a whole number from 0 to 5000: Number() turns "" into 0 and "abc" into NaN, so check the text first');
    expect(res.json(), `body of GET ${path}`).toSatisfy((b) => typeof b?.error === 'string', 'an object with an "error" message');
  }
});

probe('ten-concurrent', { name: '10 slow requests at once take about as long as one', weight: 3, visibility: 'sample', timeoutMs: 15000 }, async ({ http, note }) => {
  const ms = 400;
  const started = Date.now();
  const all = await Promise.all(Array.from({ length: 10 }, () => timedGet(http, `/slow?ms=${ms}`, started)));
  const total = Math.max(...all.map((t) => t.at));
  note(`10 × GET /slow?ms=${ms} sent at once; the last answered after ${total} ms (one after another would take ${10 * ms} ms)`);
  all.forEach((t, i) => expectWaited(t.res, ms, `request ${i + 1}`));
  expect(total, 'ms until all 10 had answered').toSatisfy((t) => t < 4 * ms, `under ${4 * ms} ms`, `the requests were served one after another: ${blockingHint}, and do not queue requests behind each other`);
});

probe('fast-while-slow', { name: 'GET /fast answers at once while a slow request waits', weight: 2, timeoutMs: 10000 }, async ({ http, sleep }) => {
  const started = Date.now();
  const slow = timedGet(http, '/slow?ms=1500', started);
  await sleep(150);
  const fastStarted = Date.now();
  const fast = await http.get('/fast');
  const fastMs = Date.now() - fastStarted;
  expect(fast.status, 'status of GET /fast').toBe(200, 'GET /fast answers 200 { ok: true }');
  expect(fast.json(), 'body of GET /fast').toEqual({ ok: true }, 'GET /fast answers 200 { ok: true }');
  expect(fastMs, 'ms for GET /fast while /slow?ms=1500 waits').toSatisfy((t) => t < 700, 'under 700 ms', blockingHint);
  expectWaited((await slow).res, 1500, 'GET /slow?ms=1500');
});

probe('finish-in-order-of-delay', { name: 'concurrent slow requests finish in order of their ms', weight: 2, timeoutMs: 12000 }, async ({ http, rand, sleep, note }) => {
  // The longest goes first, so a server that serves them one by one answers it first.
  const delays = [1400, ...rand.shuffle([200, 800])];
  const started = Date.now();
  const first = timedGet(http, `/slow?ms=${delays[0]}`, started);
  await sleep(100);
  const done = await Promise.all([first, ...delays.slice(1).map((ms) => timedGet(http, `/slow?ms=${ms}`, started))]);
  note(delays.map((ms, i) => `ms=${ms} answered after ${done[i]!.at} ms`).join('; '));
  delays.forEach((ms, i) => {
    expectWaited(done[i]!.res, ms, `GET /slow?ms=${ms}`);
    expect(done[i]!.at, `ms until GET /slow?ms=${ms} answered`).toSatisfy((t) => t >= ms - EARLY_MS, `at least ${ms - EARLY_MS}`, 'answer only after the wait is over: await the timer before writing the response');
  });
  const byFinish = delays.map((ms, i) => ({ ms, at: done[i]!.at })).sort((a, b) => a.at - b.at).map((d) => d.ms);
  expect(byFinish, 'order in which they answered').toEqual([200, 800, 1400], `each request waits on its own, side by side, so the shortest finishes first: ${blockingHint}, and do not queue requests behind each other`);
});

probe('keep-alive', { name: 'slow requests share a kept-alive connection', timeoutMs: 8000 }, async ({ raw, rand }) => {
  const a = rand.int(150, 300);
  const b = rand.int(150, 300);
  const request = (ms: number) => `GET /slow?ms=${ms} HTTP/1.1\r\nHost: localhost\r\n\r\n`;
  const started = Date.now();
  const text = await raw.send(request(a) + request(b), { timeoutMs: a + b + 1500 });
  const ms = Date.now() - started;
  // A status line follows the previous body directly, so count them anywhere in the text.
  const answers = text.match(/HTTP\/1\.1 \d{3} /g) ?? [];
  expect(answers.length, 'responses to two requests sent on one connection').toBe(2, 'HTTP/1.1 keeps a connection open for the next request: do not send Connection: close or end the socket after a response');
  const waited = (ms: number) => new RegExp(`"waited"\\s*:\\s*${ms}\\b`).test(text);
  if (!waited(a) || !waited(b)) fail(`both requests should be answered with their waited value, got ${JSON.stringify(text.slice(0, 400))}`);
  expect(/connection:\s*close/i.test(text), 'a response says Connection: close').toBe(false, 'let Node keep the connection alive: do not set Connection: close');
  expect(ms, 'ms until the connection ended').toSatisfy((t) => t > a + b + 1000, `the connection open for the probe's whole wait`, 'an HTTP/1.1 connection stays open after a response (keepAliveTimeout): do not close it yourself');
});
