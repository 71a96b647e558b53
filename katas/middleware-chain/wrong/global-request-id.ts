// @fails: request-scoped
// @why: the request id is kept in one module-level variable, so a request that arrives while another is waiting overwrites it and the slow request reports the wrong id.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

type Next = () => void;
type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void | Promise<void>;

let currentRequestId = '';
let visits = 0;

const send = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

const requestId: Middleware = (req, res, next) => {
  const given = req.headers['x-request-id'];
  currentRequestId = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', currentRequestId);
  next();
};

const timing: Middleware = (_req, res, next) => {
  const start = performance.now();
  const original = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: any[]) {
    this.setHeader('X-Response-Time', `${(performance.now() - start).toFixed(2)}ms`);
    return (original as any).apply(this, args);
  } as any;
  next();
};

const auth: Middleware = (req, res, next) => {
  if (req.url?.startsWith('/admin/') && req.headers.authorization !== 'Bearer open-sesame') return send(res, 401, { error: 'Unauthorized' });
  next();
};

const routes: Middleware = async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/whoami') return send(res, 200, { requestId: currentRequestId });
  if (req.method === 'GET' && url.pathname === '/slow') {
    const ms = Number(url.searchParams.get('ms'));
    await new Promise((r) => setTimeout(r, ms));
    return send(res, 200, { requestId: currentRequestId, waited: ms });
  }
  if (req.method === 'GET' && url.pathname === '/admin/visits') return send(res, 200, { visits: ++visits });
  send(res, 404, { error: 'Not Found' });
};

const stack = [requestId, timing, auth, routes];

http
  .createServer((req, res) => {
    let i = 0;
    const next = () => {
      const fn = stack[i++];
      if (fn) void fn(req, res, next);
    };
    next();
  })
  .listen(Number(process.env.PORT) || 3000);
