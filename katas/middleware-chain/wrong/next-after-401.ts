// @fails: short-circuit
// @why: after sending the 401 the auth middleware still calls next(), so the admin handler runs (and counts a visit) for every refused request; its write error is swallowed by the chain's catch.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Req = IncomingMessage & { id: string };
type Middleware = (req: Req, res: ServerResponse, next: () => Promise<void>) => Promise<void> | void;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

let visits = 0;

const requestId: Middleware = async (req, res, next) => {
  const h = req.headers['x-request-id'];
  req.id = typeof h === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(h) ? h : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  await next();
};

const timing: Middleware = async (_req, res, next) => {
  const start = performance.now();
  const writeHead = res.writeHead;
  res.writeHead = ((...args: Parameters<typeof writeHead>) => {
    res.setHeader('X-Response-Time', `${(performance.now() - start).toFixed(1)}ms`);
    return writeHead.apply(res, args);
  }) as typeof writeHead;
  await next();
};

const auth: Middleware = async (req, res, next) => {
  if (req.url?.startsWith('/admin/') && req.headers.authorization !== 'Bearer open-sesame') {
    json(res, 401, { error: 'Unauthorized' });
  }
  await next();
};

const router: Middleware = async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/whoami') return json(res, 200, { requestId: req.id });
  if (req.method === 'GET' && url.pathname === '/slow') {
    const ms = Number(url.searchParams.get('ms'));
    await new Promise((resolve) => setTimeout(resolve, ms));
    return json(res, 200, { requestId: req.id, waited: ms });
  }
  if (req.method === 'GET' && url.pathname === '/admin/visits') {
    visits++;
    return json(res, 200, { visits });
  }
  json(res, 404, { error: 'Not Found' });
};

const chain = [requestId, timing, auth, router];

createServer(async (incoming, res) => {
  const req = incoming as Req;
  const dispatch = async (i: number): Promise<void> => {
    const fn = chain[i];
    if (fn) await fn(req, res, () => dispatch(i + 1));
  };
  try {
    await dispatch(0);
  } catch (err) {
    // "Cannot write headers after they are sent" — nothing left to tell the client.
    if (!res.headersSent) json(res, 500, { error: 'Internal Server Error' });
  }
}).listen(Number(process.env.PORT) || 3000);
