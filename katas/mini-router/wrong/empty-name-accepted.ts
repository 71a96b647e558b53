// @fails: name-required
// @fails: ids-in-order
// @why: it only checks that a name key exists, so { "name": "" } creates a user with an empty name instead of answering 400.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const users = new Map<number, { id: number; name: unknown }>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  try {
    let text = '';
    for await (const chunk of req) text += chunk;
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const routes = new Map<string, Handler>();
routes.set('GET /users', (_req, res) => sendJson(res, 200, [...users.values()]));
routes.set('POST /users', async (req, res) => {
  const body = await readJson(req);
  if (body === null || !('name' in body)) {
    sendJson(res, 400, { error: 'name is required' });
    return;
  }
  const user = { id: nextId++, name: body.name };
  users.set(user.id, user);
  sendJson(res, 201, user);
});
routes.set('GET /health', (_req, res) => sendJson(res, 200, { status: 'ok', uptime: process.uptime() }));

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const handler = routes.get(`${req.method} ${pathname}`);
  if (handler) await handler(req, res);
  else sendJson(res, 404, { error: 'Not Found', path: pathname });
});

server.listen(Number(process.env.PORT) || 3000);
