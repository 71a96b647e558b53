// @fails: primes-count
// @why: it sets X-Prime-Count after writing the body and wraps that in try/catch, so ERR_HTTP_HEADERS_SENT no longer crashes anything but the header never reaches the client.
import http from 'node:http';

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

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(body);
}

const server = http.createServer(async (req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/primes') {
    const raw = searchParams.get('below') ?? '';
    const below = Number(raw);
    if (!/^\d+$/.test(raw) || below < 2 || below > 20000) return text(res, 400, 'Bad Request');
    const primes = primesBelow(below);
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    for (const p of primes) res.write(`${p}\n`);
    try {
      res.setHeader('X-Prime-Count', primes.length);
    } catch (err) {
      console.warn('could not set the count:', (err as Error).message);
    }
    return res.end();
  }
  if (pathname === '/rows') {
    const count = Number(searchParams.get('count'));
    if (!Number.isInteger(count) || count < 1 || count > 1000) return text(res, 400, 'Bad Request');
    const failAt = searchParams.has('failAt') ? Number(searchParams.get('failAt')) : undefined;
    const lines: string[] = [];
    try {
      for await (const row of readRows(count, failAt)) lines.push(`${row}\n`);
    } catch {
      return text(res, 500, 'Internal Server Error');
    }
    return text(res, 200, lines.join(''));
  }
  text(res, 404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
