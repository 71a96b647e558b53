// @fails: list-ok
// @fails: list-lines
// @fails: item-count
// @fails: streamed
// @fails: cache-control
// @fails: request-id
// @fails: items-decoded
// @why: every line is written but res.end() is never called, so the chunked body never gets its final empty chunk and each client waits until it gives up.
import { createServer } from 'node:http';

createServer((req, res) => {
  res.setHeader('Cache-Control', 'no-cache');
  const id = req.headers['x-request-id'];
  if (id) res.setHeader('X-Request-Id', id);
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/list') {
    const items = searchParams.getAll('item');
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Item-Count': items.length });
    for (const [i, item] of items.entries()) res.write(`${i + 1}. ${item}\n`);
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found\n');
}).listen(Number(process.env.PORT) || 3000);
