// @fails: streamed
// @why: it joins all the lines and hands them to res.end() in one piece with the headers still open, so Node sets Content-Length and nothing is streamed.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.setHeader('Cache-Control', 'no-cache');
  if (req.headers['x-request-id']) res.setHeader('X-Request-Id', req.headers['x-request-id']);
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/list') {
    const items = url.searchParams.getAll('item');
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Item-Count', items.length);
    res.end(items.map((item, i) => `${i + 1}. ${item}\n`).join(''));
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found\n');
});

server.listen(Number(process.env.PORT) || 3000);
