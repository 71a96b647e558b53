import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

/** Every branch below ends its response through this one function (or res.end() for the 204). */
function sendText(res: ServerResponse, status: number, text: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function echo(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => sendText(res, 200, Buffer.concat(chunks)));
  // A client that goes away mid-body gets no answer, but the socket is released.
  req.on('error', () => res.destroy());
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = `${req.method} ${url.pathname}`;

  if (route === 'GET /hello') {
    const name = url.searchParams.get('name');
    if (!name) {
      sendText(res, 400, 'Missing name');
      return;
    }
    sendText(res, 200, `Hello, ${name}!`);
  } else if (route === 'DELETE /session') {
    // No body, and no need to read one: the response still has to be ended.
    res.writeHead(204);
    res.end();
  } else if (route === 'POST /echo') {
    echo(req, res);
  } else {
    sendText(res, 404, 'Not Found');
  }
});

server.listen(port, () => {
  console.log(`always-end listening on port ${port}`);
});
