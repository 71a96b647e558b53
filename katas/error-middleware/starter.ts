import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Next = (err?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void | Promise<void>;

const port = Number(process.env.PORT) || 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function reasonOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('reason') ?? 'no reason given';
}

function get(path: string, handler: Middleware): Middleware {
  return (req, res, next) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && pathname === path) return handler(req, res, next);
    next();
  };
}

// These handlers are part of the contract: keep them as they are.
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
    if (raw.trim() === '' || !Number.isFinite(n)) {
      return next(Object.assign(new Error('n must be a number'), { status: 400 }));
    }
    sendJson(res, 200, { result: n * n });
  }),
  (_req, res) => sendJson(res, 404, { error: 'Not Found' }),
];

// TODO: one error handler: a 4xx err.status → { error: err.message }; anything else → 500 { error: 'Internal Server Error' }.

const server = createServer((req, res) => {
  const step = (index: number): void => {
    // TODO: next(err) must reach the error handler; so must a throw and a rejected promise.
    void chain[index]?.(req, res, () => step(index + 1));
  };
  step(0);
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
