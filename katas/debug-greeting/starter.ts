import { createServer, IncomingMessage, ServerResponse } from 'node:http';

// This server was written in a hurry and it shows: it runs, but it has bugs.
// The prompt describes what it should do. Find the bugs and fix them.

const port = Number(process.env.PORT) || 3000;

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...extra,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': text.length,
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
