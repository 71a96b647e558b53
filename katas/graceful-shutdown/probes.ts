import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse } from 'katabox/probe';

/** How long the process may take to exit once its last request has been answered. */
const EXIT_WITHIN_MS = 3000;

function expectDone(res: HttpResponse, ms: number, what: string, hint: string): void {
  expect(res.status, `status of ${what}`).toBe(200, hint);
  expect(res.json(), `body of ${what}`).toEqual({ done: ms }, 'GET /work?ms=N answers { done: N }');
}

async function work(http: Http, ms: number): Promise<HttpResponse> {
  return http.request({ path: `/work?ms=${ms}`, timeoutMs: ms + 3000 });
}

probe('work-waits', { name: 'GET /work?ms=N answers after N ms', visibility: 'sample' }, async ({ http, rand }) => {
  const ms = rand.int(200, 500);
  const started = Date.now();
  const res = await work(http, ms);
  expectDone(res, ms, `GET /work?ms=${ms}`, 'a valid ms answers 200 once the work is done');
  expect(Date.now() - started, 'ms until it answered').toSatisfy((t) => t >= ms - 30, `at least ${ms - 30}`, 'answer once the wait is over');
});

probe('health', { name: 'GET /health answers ok', visibility: 'sample' }, async ({ http }) => {
  const res = await http.get('/health');
  expect(res.status, 'status of GET /health').toBe(200, 'GET /health answers 200');
  expect(res.json(), 'body of GET /health').toEqual({ status: 'ok' }, 'GET /health answers { status: "ok" }');
});

probe('work-validated', { name: 'a missing or bad ms gets 400' }, async ({ http, rand, note }) => {
  for (const query of rand.shuffle(['', 'ms=', `ms=${rand.word(2, 5)}`, `ms=${rand.int(5001, 99999)}`, 'ms=-1']).slice(0, 2)) {
    const path = `/work${query ? `?${query}` : ''}`;
    note(`GET ${path}`);
    const res = await http.request({ path, timeoutMs: 3000 });
    expect(res.status, `status of GET ${path}`).toBe(400, 'ms must be a whole number from 0 to 5000');
  }
});

// Last: the server is meant to be gone after it.
probe('graceful-sigterm', { name: 'SIGTERM: requests in flight finish, new ones are refused, the process exits', weight: 4, visibility: 'sample', timeoutMs: 15000 }, async ({ http, rand, sleep, signal, alive, note }) => {
  const slow = [rand.int(1200, 1500), rand.int(1200, 1500)];
  const inFlight = slow.map((ms) => work(http, ms).then(
    (res) => ({ res, error: undefined }),
    (err: Error) => ({ res: undefined, error: err.message }),
  ));
  await sleep(300);
  note(`two requests in flight (GET /work?ms=${slow[0]} and ?ms=${slow[1]}), then SIGTERM`);
  await signal('SIGTERM');
  await sleep(300);

  let late: HttpResponse | undefined;
  let refused = '';
  try {
    late = await http.request({ path: '/health', timeoutMs: 1500 });
  } catch (err) {
    refused = (err as Error).message;
  }
  const stillRunning = await alive();

  for (const [i, result] of (await Promise.all(inFlight)).entries()) {
    const what = `GET /work?ms=${slow[i]} (in flight when SIGTERM came)`;
    if (result.error !== undefined) {
      // Only the bridge's finding, not its guess at a cause: here the cause is the shutdown.
      fail(`${what} was cut off (${result.error.split(' — ')[0]}) — on SIGTERM, let the requests in flight finish: handle the signal (process.on('SIGTERM', ...)), call server.close(), and exit only once it has closed`);
    }
    expectDone(result.res!, slow[i]!, what, 'a request in flight must still be answered normally');
  }
  expect(stillRunning, 'process running while requests were in flight').toBe(true, 'the process exited before its requests were done');
  if (late) {
    fail(`a new connection 300 ms after SIGTERM was still accepted (status ${late.status}) — stop listening as soon as the signal comes, with server.close(), so that new connections are refused and go elsewhere`);
  }
  expect(refused, 'a new connection after SIGTERM').toMatch(/not accepting connections/, 'after server.close() a new connection is refused at once');

  let exited = false;
  for (let waited = 0; waited < EXIT_WITHIN_MS && !exited; waited += 200) {
    await sleep(200);
    exited = !(await alive());
  }
  expect(exited, `the process had exited within ${EXIT_WITHIN_MS / 1000} s of its last response`).toBe(
    true,
    'once the server has closed, the process must end: something still keeps the event loop alive (an interval, an open connection) — clear it, or call process.exit() in the close callback',
  );
});
