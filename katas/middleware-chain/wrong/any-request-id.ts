// @fails: request-id-rejected
// @why: any X-Request-Id the client sends is reused as is, however long or odd, so a caller can put arbitrary text into the logs and the response headers.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Req extends IncomingMessage {
  id: string;
  start: number;
}
type Middleware = (req: Req, res: ServerResponse, next: () => void) => void | Promise<void>;

let visits = 0;

// Every handler answers through this helper, which reads the start time stored on the request.
function send(req: Req, res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'X-Response-Time': `${(performance.now() - req.start).toFixed(1)}ms`,
  });
  res.end(JSON.stringify(body));
}

const chain: Middleware[] = [
  (req, res, next) => {
    req.id = (req.headers['x-request-id'] as string | undefined) || randomUUID();
    res.setHeader('X-Request-Id', req.id);
    next();
  },
  (req, _res, next) => {
    req.start = performance.now();
    next();
  },
  (req, res, next) => {
    if (req.url!.startsWith('/admin/') && req.headers.authorization !== 'Bearer open-sesame') return send(req, res, 401, { error: 'Unauthorized' });
    next();
  },
  async (req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/whoami') return send(req, res, 200, { requestId: req.id });
    if (req.method === 'GET' && url.pathname === '/slow') {
      const ms = Number(url.searchParams.get('ms') ?? '0');
      await new Promise((r) => setTimeout(r, ms));
      return send(req, res, 200, { requestId: req.id, waited: ms });
    }
    if (req.method === 'GET' && url.pathname === '/admin/visits') return send(req, res, 200, { visits: ++visits });
    send(req, res, 404, { error: 'Not Found' });
  },
];

createServer((req, res) => {
  const step = (i: number) => void chain[i]?.(req as Req, res, () => step(i + 1));
  step(0);
}).listen(Number(process.env.PORT) || 3000);
