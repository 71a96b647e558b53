// @fails: health
// @why: the health answer is built once when the module loads, so its uptime is frozen at the moment the server started.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const users = new Map<number, { id: number; name: string }>();
let nextId = 1;
const HEALTH = { status: 'ok', uptime: process.uptime() };

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

const routes = new Map<string, Handler>([
  ['GET /users', (_req, res) => sendJson(res, 200, [...users.values()])],
  [
    'POST /users',
    async (req, res) => {
      const body = (await readJson(req)) as { name?: unknown } | null | undefined;
      if (typeof body !== 'object' || body === null || typeof body.name !== 'string' || body.name === '') {
        sendJson(res, 400, { error: 'name is required' });
        return;
      }
      const user = { id: nextId++, name: body.name };
      users.set(user.id, user);
      sendJson(res, 201, user);
    },
  ],
  ['GET /health', (_req, res) => sendJson(res, 200, HEALTH)],
]);

createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const handler = routes.get(`${req.method} ${pathname}`);
  if (handler) await handler(req, res);
  else sendJson(res, 404, { error: 'Not Found', path: pathname });
}).listen(Number(process.env.PORT) || 3000);
