// @fails: greets-the-world
// @why: while tidying up, || 'world' became ?? 'world', which only replaces a missing name: ?name= is an empty string, so the greeting reads "Hello, !".
import http from 'node:http';

function sendText(res: http.ServerResponse, status: number, text: string, extra: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/hello') {
    sendText(res, 404, 'Not Found\n');
  } else if (req.method !== 'GET') {
    sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET' });
  } else {
    sendText(res, 200, `Hello, ${url.searchParams.get('name') ?? 'world'}!\n`);
  }
});

server.listen(Number(process.env.PORT) || 3000);
