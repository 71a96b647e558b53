// @fails: unknown-route
// @why: the if / else-if chain has no final else, so a request that matches no route never gets res.end() and hangs.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/hello') {
    const name = url.searchParams.get('name');
    if (!name) {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('Missing name');
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`Hello, ${name}!`);
    }
  } else if (req.method === 'DELETE' && url.pathname === '/session') {
    res.writeHead(204);
    res.end();
  } else if (req.method === 'POST' && url.pathname === '/echo') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(Buffer.concat(chunks));
    });
  }
});

server.listen(Number(process.env.PORT) || 3000);
