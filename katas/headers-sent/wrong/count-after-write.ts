// @fails: primes-body
// @fails: primes-count
// @why: it streams the primes with res.write() while counting them, then calls setHeader('X-Prime-Count') when the headers have long gone out: ERR_HTTP_HEADERS_SENT is thrown in the listener and the process exits.
import http from 'node:http';

/** Yields "row 1" … "row <count>" one at a time; throws when it reaches row `failAt`, like a cursor whose connection drops. */
async function* readRows(count: number, failAt?: number): AsyncGenerator<string> {
  for (let i = 1; i <= count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (i === failAt) throw new Error(`data source failed at row ${i}`);
    yield `row ${i}`;
  }
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(body);
}

const server = http.createServer(async (req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/primes') {
    const below = Number(searchParams.get('below'));
    if (!Number.isInteger(below) || below < 2 || below > 20000) return text(res, 400, 'Bad Request');
    res.setHeader('Content-Type', 'text/plain');
    let count = 0;
    for (let n = 2; n < below; n++) {
      let prime = true;
      for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
      if (prime) {
        res.write(`${n}\n`);
        count++;
      }
    }
    res.setHeader('X-Prime-Count', count);
    return res.end();
  }
  if (pathname === '/rows') {
    const count = Number(searchParams.get('count'));
    if (!Number.isInteger(count) || count < 1 || count > 1000) return text(res, 400, 'Bad Request');
    const failAt = searchParams.has('failAt') ? Number(searchParams.get('failAt')) : undefined;
    try {
      for await (const row of readRows(count, failAt)) {
        if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write(`${row}\n`);
      }
      res.end();
    } catch {
      if (res.headersSent) res.destroy();
      else text(res, 500, 'Internal Server Error');
    }
    return;
  }
  text(res, 404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
