// @fails: no-content
// @why: DELETE /session waits for the request's 'end' event before answering, but nothing reads the request stream, so 'end' never fires and the response never ends.
import http from 'node:http';

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/hello') {
    const name = searchParams.get('name');
    return name ? text(res, 200, `Hello, ${name}!`) : text(res, 400, 'Missing name');
  }
  if (req.method === 'DELETE' && pathname === '/session') {
    // "Let the request finish first."
    req.on('end', () => {
      res.writeHead(204);
      res.end();
    });
    return;
  }
  if (req.method === 'POST' && pathname === '/echo') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => text(res, 200, Buffer.concat(chunks).toString('utf8')));
    return;
  }
  text(res, 404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
