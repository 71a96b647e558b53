// @fails: response-time-header
// @fails: response-time-measures
// @fails: every-response-headers
// @why: the timer sets X-Response-Time after next() returns, which is too late for a synchronous handler (headers already sent) and too early for an asynchronous one (it has not answered yet).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Req = IncomingMessage & { id?: string };
type Middleware = (req: Req, res: ServerResponse, next: () => void) => void;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

let visits = 0;

const middleware: Middleware[] = [
  (req, res, next) => {
    const h = req.headers['x-request-id'];
    req.id = typeof h === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(h) ? h : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    next();
  },
  (_req, res, next) => {
    const start = Date.now();
    next();
    if (!res.headersSent) res.setHeader('X-Response-Time', `${Date.now() - start}ms`);
  },
  (req, res, next) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/admin/') && req.headers.authorization !== 'Bearer open-sesame') {
      sendJson(res, 401, { error: 'Unauthorized' });
      return;
    }
    next();
  },
  (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/whoami') return sendJson(res, 200, { requestId: req.id });
    if (req.method === 'GET' && url.pathname === '/slow') {
      const ms = Number(url.searchParams.get('ms') ?? 0);
      setTimeout(() => sendJson(res, 200, { requestId: req.id, waited: ms }), ms);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/admin/visits') return sendJson(res, 200, { visits: ++visits });
    sendJson(res, 404, { error: 'Not Found' });
  },
];

createServer((req, res) => {
  const run = (i: number): void => middleware[i]?.(req, res, () => run(i + 1));
  run(0);
}).listen(Number(process.env.PORT) || 3000);
