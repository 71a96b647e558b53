import http from 'node:http';
import type { ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;
const TEXT = 'text/plain; charset=utf-8';

/** Yields "row 1" … "row <count>" one at a time; throws when it reaches row `failAt`, like a cursor whose connection drops. */
async function* readRows(count: number, failAt?: number): AsyncGenerator<string> {
  for (let i = 1; i <= count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (i === failAt) throw new Error(`data source failed at row ${i}`);
    yield `row ${i}`;
  }
}

function sendText(res: ServerResponse, status: number, text: string, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': TEXT, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** An integer query parameter within [min, max], or undefined. */
function intParam(params: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = params.get(name);
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

function primesBelow(n: number): number[] {
  const composite = new Uint8Array(n);
  const primes: number[] = [];
  for (let i = 2; i < n; i++) {
    if (composite[i]) continue;
    primes.push(i);
    for (let j = i * i; j < n; j += i) composite[j] = 1;
  }
  return primes;
}

function primes(res: ServerResponse, params: URLSearchParams): void {
  const below = intParam(params, 'below', 2, 20000);
  if (below === undefined) return sendText(res, 400, 'Bad Request');
  // The count header depends on the whole body, so the body is computed before any header goes out.
  const list = primesBelow(below);
  sendText(res, 200, list.map((p) => `${p}\n`).join(''), { 'X-Prime-Count': list.length });
}

async function rows(res: ServerResponse, params: URLSearchParams): Promise<void> {
  const count = intParam(params, 'count', 1, 1000);
  if (count === undefined) return sendText(res, 400, 'Bad Request');
  const failAt = params.has('failAt') ? Number(params.get('failAt')) : undefined;
  try {
    for await (const row of readRows(count, failAt)) {
      // The status is decided here, with the first row in hand, not before.
      if (!res.headersSent) res.writeHead(200, { 'Content-Type': TEXT });
      res.write(`${row}\n`);
    }
    res.end();
  } catch (err) {
    console.error(`GET /rows: ${(err as Error).message}`);
    if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
    else res.destroy(); // too late for a status: make the truncation visible to the client
  }
}

const server = http.createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/primes') return primes(res, searchParams);
  if (req.method === 'GET' && pathname === '/rows') {
    rows(res, searchParams).catch((err: unknown) => {
      console.error('unexpected', err);
      res.destroy();
    });
    return;
  }
  sendText(res, 404, 'Not Found');
});

server.listen(port, () => {
  console.log(`headers-sent listening on port ${port}`);
});
