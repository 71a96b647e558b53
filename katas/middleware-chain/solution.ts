import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** The request as the chain sees it: what the middleware learned travels on it. */
interface Request extends IncomingMessage {
  id: string;
  pathname: string;
}

type Next = () => void;
type Middleware = (req: Request, res: ServerResponse, next: Next) => void | Promise<void>;

const port = Number(process.env.PORT) || 3000;
const ADMIN_TOKEN = 'open-sesame';
const ACCEPTED_ID = /^[A-Za-z0-9_-]{1,64}$/;

let adminVisits = 0;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const requestId: Middleware = (req, res, next) => {
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && ACCEPTED_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
};

const responseTime: Middleware = (_req, res, next) => {
  const started = process.hrtime.bigint();
  // Handlers may answer long after next() has returned: stamp the time when the headers are written.
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    res.setHeader('X-Response-Time', `${ms.toFixed(1)}ms`);
    return writeHead(...args);
  }) as ServerResponse['writeHead'];
  next();
};

const adminOnly: Middleware = (req, res, next) => {
  const isAdmin = req.pathname === '/admin' || req.pathname.startsWith('/admin/');
  if (isAdmin && req.headers.authorization !== `Bearer ${ADMIN_TOKEN}`) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    sendJson(res, 401, { error: 'Unauthorized' });
    return; // short-circuit: nothing after this middleware runs
  }
  next();
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const router: Middleware = async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && req.pathname === '/whoami') {
    sendJson(res, 200, { requestId: req.id });
  } else if (req.method === 'GET' && req.pathname === '/slow') {
    const ms = Math.min(Math.max(Number.parseInt(url.searchParams.get('ms') ?? '0', 10) || 0, 0), 2000);
    await sleep(ms);
    sendJson(res, 200, { requestId: req.id, waited: ms });
  } else if (req.method === 'GET' && req.pathname === '/admin/visits') {
    adminVisits++;
    sendJson(res, 200, { visits: adminVisits });
  } else {
    sendJson(res, 404, { error: 'Not Found' });
  }
};

const chain: Middleware[] = [requestId, responseTime, adminOnly, router];

function run(req: Request, res: ServerResponse): void {
  const fail = (err: unknown): void => {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' });
    else res.destroy();
  };
  const step = (index: number): void => {
    const middleware = chain[index];
    if (!middleware) return;
    try {
      middleware(req, res, () => step(index + 1))?.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
  step(0);
}

const server = createServer((incoming, res) => {
  const req = incoming as Request;
  req.pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  run(req, res);
});

server.listen(port, () => {
  console.log(`middleware-chain listening on port ${port}`);
});
