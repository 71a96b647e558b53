import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...extra,
    'Content-Type': 'text/plain; charset=utf-8',
    // Content-Length counts bytes: "José" is 4 characters but 5 bytes in UTF-8.
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://localhost');

  if (url.pathname !== '/hello') {
    // Every branch must end its response, or the client waits for a body that never finishes.
    sendText(res, 404, 'Not Found\n');
    return;
  }

  if (req.method !== 'GET') {
    // The path exists, the method does not: that is 405, and Allow says what would work.
    sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET' });
    return;
  }

  const name = url.searchParams.get('name') || 'world';
  sendText(res, 200, `Hello, ${name}!\n`);
});

server.listen(port, () => {
  console.log(`greeting server listening on port ${port}`);
});
