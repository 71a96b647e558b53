// @fails: items-decoded
// @why: it splits the query string on & and = by hand and never decodes the values, so '+' stays a plus and %20, %26 or %C3%A9 reach the body still escaped.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.setHeader('Cache-Control', 'no-cache');
  const id = req.headers['x-request-id'];
  if (id !== undefined) res.setHeader('X-Request-Id', id);
  const [pathname, query = ''] = (req.url ?? '/').split('?');
  if (req.method === 'GET' && pathname === '/list') {
    const items = query
      .split('&')
      .filter((pair) => pair.startsWith('item='))
      .map((pair) => pair.slice('item='.length));
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Item-Count': items.length });
    items.forEach((item, i) => res.write(`${i + 1}. ${item}\n`));
    res.end();
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not Found\n');
});

server.listen(Number(process.env.PORT) || 3000);
