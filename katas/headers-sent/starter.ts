import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

/** Yields "row 1" … "row <count>" one at a time; throws when it reaches row `failAt`, like a cursor whose connection drops. */
async function* readRows(count: number, failAt?: number): AsyncGenerator<string> {
  for (let i = 1; i <= count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (i === failAt) throw new Error(`data source failed at row ${i}`);
    yield `row ${i}`;
  }
}

const server = http.createServer(async (req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');

  if (pathname === '/rows') {
    const count = Number(searchParams.get('count'));
    const failAt = searchParams.has('failAt') ? Number(searchParams.get('failAt')) : undefined;
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    for await (const row of readRows(count, failAt)) res.write(`${row}\n`);
    res.end();
    return;
  }

  // TODO: GET /primes?below=<n> with an X-Prime-Count header.
  // TODO: 400 for bad parameters, 500 or a cut-off response when readRows fails, 404 otherwise.
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found');
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
