// @fails: rows-fail-midway
// @why: its catch block always answers with res.writeHead(500), which throws ERR_HTTP_HEADERS_SENT once rows have been written; the throw rejects the async listener unhandled and the process exits.
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

function text(res: http.ServerResponse, status: number, body: string, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain' });
  res.end(body);
}

const server = http.createServer(async (req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/rows') {
    const count = Number(searchParams.get('count'));
    if (!Number.isInteger(count) || count < 1 || count > 1000) return text(res, 400, 'Bad Request');
    const failAt = searchParams.has('failAt') ? Number(searchParams.get('failAt')) : undefined;
    try {
      res.setHeader('Content-Type', 'text/plain');
      for await (const row of readRows(count, failAt)) res.write(`${row}\n`);
      res.end();
    } catch (err) {
      console.error(err);
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('Internal Server Error');
    }
    return;
  }
  if (pathname === '/primes') {
    const raw = searchParams.get('below') ?? '';
    if (!/^\d+$/.test(raw) || +raw < 2 || +raw > 20000) return text(res, 400, 'Bad Request');
    const primes = primesBelow(+raw);
    return text(res, 200, primes.map((p) => `${p}\n`).join(''), { 'X-Prime-Count': primes.length });
  }
  text(res, 404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
