// @fails: async-reject
// @why: a process-wide unhandledRejection listener keeps the server alive, but the rejected promise still never reaches the error handler, so that request is never answered.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Next = (err?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void | Promise<void>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

const reasonOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://localhost').searchParams.get('reason') ?? 'no reason given';

function get(path: string, handler: Middleware): Middleware {
  return (req, res, next) => {
    if (req.method === 'GET' && new URL(req.url ?? '/', 'http://localhost').pathname === path) return handler(req, res, next);
    next();
  };
}

const chain: Middleware[] = [
  get('/ok', (_req, res) => sendJson(res, 200, { ok: true })),
  get('/boom/sync', (req) => {
    throw new Error(reasonOf(req));
  }),
  get('/boom/next', (req, _res, next) => {
    setImmediate(() => next(new Error(reasonOf(req))));
  }),
  get('/boom/async', async (req) => {
    await sleep(20);
    throw new Error(reasonOf(req));
  }),
  get('/square', (req, res, next) => {
    const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('n') ?? '';
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) return next(Object.assign(new Error('n must be a number'), { status: 400 }));
    sendJson(res, 200, { result: n * n });
  }),
  (_req, res) => sendJson(res, 404, { error: 'Not Found' }),
];

function errorHandler(err: unknown, res: ServerResponse): void {
  const status = (err as { status?: number }).status ?? 500;
  if (status >= 400 && status < 500) sendJson(res, status, { error: (err as Error).message });
  else sendJson(res, 500, { error: 'Internal Server Error' });
}

process.on('unhandledRejection', (reason) => console.error('unhandled rejection', reason));

createServer((req, res) => {
  const step = (index: number): void => {
    const next: Next = (err) => (err ? errorHandler(err, res) : step(index + 1));
    try {
      chain[index]?.(req, res, next);
    } catch (err) {
      next(err);
    }
  };
  step(0);
}).listen(Number(process.env.PORT) || 3000);
