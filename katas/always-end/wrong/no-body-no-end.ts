// @fails: no-content
// @why: "a 204 has no body, so there is nothing to end": writeHead(204) alone leaves the response open and the client waits.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'DELETE' && url.pathname === '/session') {
    res.writeHead(204);
    return;
  }
  if (req.method === 'GET' && url.pathname === '/hello') {
    const name = url.searchParams.get('name');
    res.writeHead(name ? 200 : 400, { 'Content-Type': 'text/plain' });
    res.end(name ? `Hello, ${name}!` : 'Missing name');
    return;
  }
  if (req.method === 'POST' && url.pathname === '/echo') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(body);
    });
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
