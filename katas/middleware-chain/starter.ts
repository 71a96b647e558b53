import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Request extends IncomingMessage {
  id?: string;
}

type Next = () => void;
type Middleware = (req: Request, res: ServerResponse, next: Next) => void | Promise<void>;

const port = Number(process.env.PORT) || 3000;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

// TODO: requestId — reuse a valid X-Request-Id or make one (crypto.randomUUID()); set it on req and on the response.
// TODO: responseTime — X-Response-Time: "<ms>ms", measured until the headers are written.
// TODO: adminOnly — paths under /admin/ need "Authorization: Bearer open-sesame", else 401 { error: 'Unauthorized' }.

const router: Middleware = (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/whoami') {
    sendJson(res, 200, { requestId: req.id });
    return;
  }
  // TODO: GET /slow?ms=N and GET /admin/visits.
  sendJson(res, 404, { error: 'Not Found' });
};

const chain: Middleware[] = [router];

const server = createServer((req, res) => {
  // TODO: run every middleware in order, each one calling the next through next().
  void chain[0]!(req, res, () => undefined);
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
