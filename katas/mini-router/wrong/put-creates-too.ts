// @fails: unknown-method-404
// @why: it registers the create handler under PUT /users as well, "to be lenient", but the contract has no such route, so PUT /users must be a 404 like any other unknown route.
import http from 'node:http';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

const users = new Map<number, { id: number; name: string }>();
let nextId = 1;

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

const createUser: Handler = async (req, res) => {
  const body = (await readJson(req)) as { name?: unknown } | null | undefined;
  const name = typeof body === 'object' && body !== null ? body.name : undefined;
  if (typeof name !== 'string' || name === '') {
    sendJson(res, 400, { error: 'name is required' });
    return;
  }
  const user = { id: nextId++, name };
  users.set(user.id, user);
  sendJson(res, 201, user);
};

const routes = new Map<string, Handler>([
  ['GET /users', (_req, res) => sendJson(res, 200, [...users.values()])],
  ['POST /users', createUser],
  ['PUT /users', createUser],
  ['GET /health', (_req, res) => sendJson(res, 200, { status: 'ok', uptime: process.uptime() })],
]);

http
  .createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const handler = routes.get(`${req.method} ${pathname}`);
    if (handler) await handler(req, res);
    else sendJson(res, 404, { error: 'Not Found', path: pathname });
  })
  .listen(Number(process.env.PORT) || 3000);
