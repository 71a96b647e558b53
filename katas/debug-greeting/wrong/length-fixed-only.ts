// @fails: not-found
// @fails: wrong-method-405
// @why: Content-Length now counts bytes, but the 404 reply is still left open and the wrong method still gets 404.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...extra,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://localhost');

  if (url.pathname !== '/hello') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.write('Not Found\n');
    return;
  }

  if (req.method !== 'GET') {
    sendText(res, 404, 'Method Not Allowed\n', { Allow: 'GET' });
    return;
  }

  const name = url.searchParams.get('name') || 'world';
  sendText(res, 200, `Hello, ${name}!\n`);
});

server.listen(port, () => {
  console.log(`greeting server listening on port ${port}`);
});
