import { createServer, IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const port = Number(process.env.PORT) || 3000;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

// TODO: keep users in a Map<number, { id: number; name: string }> with ids 1, 2, 3, …
const routes = new Map<string, Handler>();
// TODO: routes.set('GET /users', ...), routes.set('POST /users', ...), routes.set('GET /health', ...)

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  // TODO: look the handler up by `${req.method} ${pathname}` (pathname without the query string).
  // TODO: no handler → 404 { error: 'Not Found', path: pathname }.
  const handler = routes.get(`${req.method} ${req.url}`);
  if (handler) {
    void handler(req, res);
    return;
  }
  sendJson(res, 501, { error: 'Not Implemented', path: req.url });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
