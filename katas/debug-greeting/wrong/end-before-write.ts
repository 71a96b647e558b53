// @fails: not-found
// @why: res.end() was added above res.write() instead of replacing it, so the 404 goes out empty and the write after end raises an 'error' nobody handles, which ends the process.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://localhost');

  if (url.pathname !== '/hello') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end();
    res.write('Not Found\n');
    return;
  }

  if (req.method !== 'GET') {
    sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET' });
    return;
  }

  const name = url.searchParams.get('name') || 'world';
  sendText(res, 200, `Hello, ${name}!\n`);
});

server.listen(port);
