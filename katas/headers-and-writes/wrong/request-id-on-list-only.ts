// @fails: request-id
// @why: X-Request-Id is added only inside the /list branch, so the 404 goes out without it; shared headers belong before the routing.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

function list(req: IncomingMessage, res: ServerResponse, items: string[]): void {
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Item-Count': `${items.length}`,
  };
  const id = req.headers['x-request-id'];
  if (typeof id === 'string') headers['X-Request-Id'] = id;
  res.writeHead(200, headers);
  items.forEach((item, i) => res.write(`${i + 1}. ${item}\n`));
  res.end();
}

const server = createServer((req, res) => {
  res.setHeader('Cache-Control', 'no-cache');
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/list') return list(req, res, url.searchParams.getAll('item'));
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not Found\n');
});

server.listen(Number(process.env.PORT) || 3000);
