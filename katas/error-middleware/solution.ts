import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Next = (err?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void | Promise<void>;
type ErrorHandler = (err: unknown, req: IncomingMessage, res: ServerResponse) => void;

const port = Number(process.env.PORT) || 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function reasonOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('reason') ?? 'no reason given';
}

/** Answers only its own method and path; everything else goes on down the chain. */
function get(path: string, handler: Middleware): Middleware {
  return (req, res, next) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && pathname === path) return handler(req, res, next);
    next();
  };
}

const chain: Middleware[] = [
  get('/ok', (_req, res) => sendJson(res, 200, { ok: true })),
  get('/boom/sync', (req) => {
    throw new Error(reasonOf(req));
  }),
  get('/boom/next', (req, _res, next) => {
    // A callback API reports its failure later, outside any try/catch: only next(err) reaches the handler.
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

/** A 4xx status on the error marks it as meant for the client: its message is safe to show. */
function clientStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

const errorHandler: ErrorHandler = (err, req, res) => {
  const status = clientStatus(err) ?? 500;
  if (status === 500) console.error(`${req.method} ${req.url} failed:`, err); // the details stay in the log
  if (res.headersSent) {
    res.destroy(); // too late for a clean error response: cut the connection so the client notices
    return;
  }
  sendJson(res, status, { error: status === 500 ? 'Internal Server Error' : (err as Error).message });
};

function run(req: IncomingMessage, res: ServerResponse): void {
  let failed = false;
  const fail = (err: unknown): void => {
    if (failed) return; // one error answer per request
    failed = true;
    errorHandler(err, req, res);
  };
  const step = (index: number): void => {
    const middleware = chain[index];
    if (!middleware) return;
    const next: Next = (err) => (err === undefined ? step(index + 1) : fail(err));
    try {
      // Sync throws land in the catch; a rejected promise is routed the same way.
      middleware(req, res, next)?.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
  step(0);
}

const server = createServer(run);

server.listen(port, () => {
  console.log(`error-middleware listening on port ${port}`);
});
