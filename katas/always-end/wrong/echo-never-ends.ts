// @fails: echo
// @why: POST /echo writes each chunk back as it arrives but never calls res.end(), so the client receives the body and keeps waiting for the rest.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'POST' && url.pathname === '/echo') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    req.on('data', (chunk: Buffer) => res.write(chunk));
    req.on('end', () => console.log('echoed one body'));
    return;
  }
  if (req.method === 'GET' && url.pathname === '/hello') {
    const name = url.searchParams.get('name');
    res.writeHead(name ? 200 : 400, { 'Content-Type': 'text/plain' });
    res.end(name ? `Hello, ${name}!` : 'Missing name');
    return;
  }
  if (req.method === 'DELETE' && url.pathname === '/session') {
    res.writeHead(204).end();
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
