// @fails: client-error
// @why: the error handler answers 500 for every error, so a deliberate 400 "n must be a number" is reported as a server failure and its message is lost.
const http = require('node:http') as typeof import('node:http');
type Req = import('node:http').IncomingMessage;
type Res = import('node:http').ServerResponse;
type Next = (err?: unknown) => void;
type Middleware = (req: Req, res: Res, next: Next) => void | Promise<void>;

const json = (res: Res, status: number, body: unknown) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
};
const query = (req: Req) => new URL(req.url ?? '/', 'http://localhost').searchParams;
const route = (path: string, fn: Middleware): Middleware => (req, res, next) =>
  req.method === 'GET' && new URL(req.url ?? '/', 'http://localhost').pathname === path ? fn(req, res, next) : next();

const middleware: Middleware[] = [
  route('/ok', (_req, res) => json(res, 200, { ok: true })),
  route('/boom/sync', (req) => {
    throw new Error(query(req).get('reason') ?? 'no reason given');
  }),
  route('/boom/next', (req, _res, next) => {
    setImmediate(() => next(new Error(query(req).get('reason') ?? 'no reason given')));
  }),
  route('/boom/async', async (req) => {
    await new Promise((r) => setTimeout(r, 20));
    throw new Error(query(req).get('reason') ?? 'no reason given');
  }),
  route('/square', (req, res, next) => {
    const raw = query(req).get('n') ?? '';
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) return next(Object.assign(new Error('n must be a number'), { status: 400 }));
    json(res, 200, { result: n * n });
  }),
  (_req, res) => json(res, 404, { error: 'Not Found' }),
];

const errorHandler = (err: unknown, _req: Req, res: Res) => {
  console.error(err);
  if (!res.headersSent) json(res, 500, { error: 'Internal Server Error' });
};

http.createServer((req, res) => {
  let index = 0;
  const next: Next = (err) => {
    if (err) return errorHandler(err, req, res);
    const fn = middleware[index++];
    if (!fn) return;
    try {
      Promise.resolve(fn(req, res, next)).catch(next);
    } catch (e) {
      next(e);
    }
  };
  next();
}).listen(process.env.PORT || 3000);
