import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

function streamList(res: ServerResponse, items: string[]): void {
  // writeHead merges these with the headers staged by setHeader; where both name the same
  // header (Cache-Control), the value given here wins. From now on the headers are fixed,
  // which is why the count must be known before the first line.
  res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Item-Count': String(items.length),
  });
  // No Content-Length: Node sends the body chunked, one chunk per write, as it is produced.
  items.forEach((item, i) => {
    res.write(`${i + 1}. ${item}\n`);
  });
  res.end();
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  // Staged, not sent: setHeader only records a header until the response starts.
  res.setHeader('Cache-Control', 'no-cache');
  const requestId = req.headers['x-request-id'];
  if (requestId !== undefined) res.setHeader('X-Request-Id', requestId);

  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/list') {
    streamList(res, url.searchParams.getAll('item'));
    return;
  }

  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Not Found\n');
});

server.listen(port, () => {
  console.log(`headers-and-writes listening on port ${port}`);
});
