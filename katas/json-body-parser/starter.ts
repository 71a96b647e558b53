import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Request extends IncomingMessage {
  body?: unknown;
}

const port = Number(process.env.PORT) || 3000;
const LIMIT = 8192; // bytes

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

/** Reads the body into req.body, then calls next(); or answers the error itself. */
function jsonBody(req: Request, res: ServerResponse, next: () => void): void {
  // TODO: 415 { error: 'Unsupported Media Type' } unless the media type is application/json.
  // TODO: 413 { error: 'Payload Too Large' } as soon as the body is known to exceed LIMIT bytes.
  // TODO: 400 { error: 'Invalid JSON' } when it does not parse.
  // TODO: this collects every byte before it looks at anything.
  let text = '';
  req.on('data', (chunk) => (text += chunk));
  req.on('end', () => {
    try {
      req.body = JSON.parse(text);
    } catch {
      sendJson(res, 400, { error: 'Invalid JSON' });
      return;
    }
    next();
  });
}

const server = createServer((req: Request, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'POST' && pathname === '/echo') {
    jsonBody(req, res, () => sendJson(res, 200, { received: req.body }));
    return;
  }
  sendJson(res, 404, { error: 'Not Found' });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
