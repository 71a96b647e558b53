// @fails: no-leak
// @fails: async-reject
// @why: the error handler answers with the error's message and stack, which is handy while debugging and hands an attacker your file paths and internals in production.
import http from 'node:http';

type Next = (err?: unknown) => void;
type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void | Promise<void>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const send = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
const reasonOf = (req: http.IncomingMessage) => new URL(req.url ?? '/', 'http://localhost').searchParams.get('reason') ?? 'no reason given';
const get = (path: string, handler: Middleware): Middleware => (req, res, next) =>
  req.method === 'GET' && new URL(req.url ?? '/', 'http://localhost').pathname === path ? handler(req, res, next) : next();

const chain: Middleware[] = [
  get('/ok', (_req, res) => send(res, 200, { ok: true })),
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
    send(res, 200, { result: n * n });
  }),
  (_req, res) => send(res, 404, { error: 'Not Found' }),
];

function onError(err: any, res: http.ServerResponse) {
  const status = err?.status >= 400 && err?.status < 500 ? err.status : 500;
  if (status === 500) send(res, 500, { error: 'Internal Server Error', message: err?.message, stack: err?.stack });
  else send(res, status, { error: err.message });
}

http
  .createServer((req, res) => {
    const step = (i: number) => {
      const next: Next = (err) => (err ? onError(err, res) : step(i + 1));
      try {
        const out = chain[i]?.(req, res, next);
        if (out instanceof Promise) out.catch(next);
      } catch (err) {
        next(err);
      }
    };
    step(0);
  })
  .listen(Number(process.env.PORT) || 3000);
