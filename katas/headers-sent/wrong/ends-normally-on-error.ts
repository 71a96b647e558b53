// @fails: rows-fail-midway
// @why: once rows have been sent it "finishes cleanly" with res.end(), so the client receives a complete-looking 200 holding only part of the rows.
import { createServer, ServerResponse } from 'node:http';

/** Yields "row 1" … "row <count>" one at a time; throws when it reaches row `failAt`, like a cursor whose connection drops. */
async function* readRows(count: number, failAt?: number): AsyncGenerator<string> {
  for (let i = 1; i <= count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (i === failAt) throw new Error(`data source failed at row ${i}`);
    yield `row ${i}`;
  }
}

function primesBelow(n: number): number[] {
  const composite = new Uint8Array(n);
  const found: number[] = [];
  for (let i = 2; i < n; i++) {
    if (composite[i]) continue;
    found.push(i);
    for (let j = i * i; j < n; j += i) composite[j] = 1;
  }
  return found;
}

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain' });
  res.end(body);
}

async function rows(res: ServerResponse, count: number, failAt?: number): Promise<void> {
  try {
    for await (const row of readRows(count, failAt)) {
      if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write(`${row}\n`);
    }
    res.end();
  } catch {
    if (!res.headersSent) text(res, 500, 'Internal Server Error');
    else res.end(); // "at least the client gets what we have"
  }
}

const server = createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/rows') {
    const count = Number(searchParams.get('count'));
    if (!Number.isInteger(count) || count < 1 || count > 1000) return text(res, 400, 'Bad Request');
    void rows(res, count, searchParams.has('failAt') ? Number(searchParams.get('failAt')) : undefined);
    return;
  }
  if (pathname === '/primes') {
    const below = Number(searchParams.get('below'));
    if (!/^\d+$/.test(searchParams.get('below') ?? '') || below < 2 || below > 20000) return text(res, 400, 'Bad Request');
    const primes = primesBelow(below);
    return text(res, 200, primes.map((p) => `${p}\n`).join(''), { 'X-Prime-Count': primes.length });
  }
  text(res, 404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
