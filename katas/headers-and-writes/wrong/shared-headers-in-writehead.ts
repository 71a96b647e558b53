// @fails: cache-control
// @why: the list's Cache-Control is staged with setHeader and the shared headers are passed to writeHead, so the shared no-cache wins: writeHead's values override setHeader's, not the other way round.
import http from 'node:http';

function sharedHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = { 'Cache-Control': 'no-cache', 'Content-Type': 'text/plain; charset=utf-8' };
  if (req.headers['x-request-id'] !== undefined) headers['X-Request-Id'] = req.headers['x-request-id'];
  return headers;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/list') {
    const items = url.searchParams.getAll('item');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Item-Count', String(items.length));
    res.writeHead(200, sharedHeaders(req));
    items.forEach((item, i) => res.write(`${i + 1}. ${item}\n`));
    res.end();
    return;
  }
  res.writeHead(404, sharedHeaders(req));
  res.end('Not Found\n');
});

server.listen(Number(process.env.PORT) || 3000);
