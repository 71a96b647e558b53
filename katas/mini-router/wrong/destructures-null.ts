// @fails: name-required
// @why: it destructures { name } straight from JSON.parse's result, so the valid JSON body null throws a TypeError and the catch-all answers 500 instead of 400.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const users = new Map<number, { id: number; name: string }>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

const routes = new Map<string, Handler>();
routes.set('GET /users', (_req, res) => sendJson(res, 200, [...users.values()]));
routes.set('POST /users', async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: { name?: unknown };
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    sendJson(res, 400, { error: 'name is required' });
    return;
  }
  const { name } = body;
  if (typeof name !== 'string' || name === '') {
    sendJson(res, 400, { error: 'name is required' });
    return;
  }
  const user = { id: nextId++, name };
  users.set(user.id, user);
  sendJson(res, 201, user);
});
routes.set('GET /health', (_req, res) => sendJson(res, 200, { status: 'ok', uptime: process.uptime() }));

createServer(async (req, res) => {
  try {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const handler = routes.get(`${req.method} ${pathname}`);
    if (handler) await handler(req, res);
    else sendJson(res, 404, { error: 'Not Found', path: pathname });
  } catch (err) {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' });
  }
}).listen(Number(process.env.PORT) || 3000);
