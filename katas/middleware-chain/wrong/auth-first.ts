// @fails: every-response-headers
// @why: the auth middleware is first in the chain, so a 401 is sent before the request-id and timing middleware ever run and carries neither header.
const http = require('node:http') as typeof import('node:http');
const { randomUUID } = require('node:crypto') as typeof import('node:crypto');

type Req = import('node:http').IncomingMessage & { requestId?: string };
type Res = import('node:http').ServerResponse;
type Fn = (req: Req, res: Res, next: () => void) => void | Promise<void>;

let visits = 0;

function reply(res: Res, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

const auth: Fn = (req, res, next) => {
  if ((req.url ?? '').startsWith('/admin/') && req.headers['authorization'] !== 'Bearer open-sesame') {
    reply(res, 401, { error: 'Unauthorized' });
    return;
  }
  next();
};

const ids: Fn = (req, res, next) => {
  const incoming = req.headers['x-request-id'];
  req.requestId = typeof incoming === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', req.requestId);
  next();
};

const timer: Fn = (_req, res, next) => {
  const t0 = process.hrtime.bigint();
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => Res;
  (res as any).writeHead = (...a: unknown[]) => {
    res.setHeader('x-response-time', `${Number(process.hrtime.bigint() - t0) / 1e6}ms`);
    return writeHead(...a);
  };
  next();
};

const router: Fn = async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET') return reply(res, 404, { error: 'Not Found' });
  switch (url.pathname) {
    case '/whoami':
      return reply(res, 200, { requestId: req.requestId });
    case '/slow': {
      const ms = Number(url.searchParams.get('ms'));
      await new Promise((r) => setTimeout(r, ms));
      return reply(res, 200, { requestId: req.requestId, waited: ms });
    }
    case '/admin/visits':
      visits += 1;
      return reply(res, 200, { visits });
    default:
      return reply(res, 404, { error: 'Not Found' });
  }
};

const chain: Fn[] = [auth, ids, timer, router];

http.createServer((req, res) => {
  const go = (i: number): void => {
    if (i < chain.length) void chain[i]!(req, res, () => go(i + 1));
  };
  go(0);
}).listen(process.env.PORT || 3000);
