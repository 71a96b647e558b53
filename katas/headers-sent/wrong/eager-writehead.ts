// @fails: rows-fail-first
// @why: it calls writeHead(200) before reading the first row "to start streaming", so when readRows fails at once res.headersSent is already true and the client gets a dropped connection instead of a 500.
const http = require('node:http') as typeof import('node:http');

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

const server = http.createServer(async (req, res) => {
  const send = (status: number, body: string, extra: Record<string, number> = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain', ...extra });
    res.end(body);
  };
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/rows') {
    const count = Number(searchParams.get('count'));
    if (!Number.isInteger(count) || count < 1 || count > 1000) return send(400, 'Bad Request');
    const failAt = searchParams.has('failAt') ? Number(searchParams.get('failAt')) : undefined;
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    try {
      for await (const row of readRows(count, failAt)) res.write(row + '\n');
      res.end();
    } catch {
      if (res.headersSent) res.destroy();
      else send(500, 'Internal Server Error');
    }
    return;
  }
  if (pathname === '/primes') {
    const below = Number(searchParams.get('below'));
    if (!Number.isInteger(below) || below < 2 || below > 20000) return send(400, 'Bad Request');
    const primes = primesBelow(below);
    return send(200, primes.map((p) => p + '\n').join(''), { 'X-Prime-Count': primes.length });
  }
  send(404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
