// @fails: malformed-400
// @why: JSON.parse is not guarded in the handler, so a body that is not JSON reaches the catch-all and comes back as 500 instead of 400.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const users = new Map<number, { id: number; name: string }>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const routes = new Map<string, Handler>([
  ['GET /users', (_req, res) => sendJson(res, 200, Array.from(users.values()))],
  [
    'POST /users',
    async (req, res) => {
      const body = (await readJson(req)) as { name?: unknown } | null;
      if (!body || typeof body.name !== 'string' || !body.name) {
        sendJson(res, 400, { error: 'name is required' });
        return;
      }
      const user = { id: nextId++, name: body.name };
      users.set(user.id, user);
      sendJson(res, 201, user);
    },
  ],
  ['GET /health', (_req, res) => sendJson(res, 200, { status: 'ok', uptime: process.uptime() })],
]);

const server = createServer(async (req, res) => {
  try {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const handler = routes.get(`${req.method} ${pathname}`);
    if (handler) await handler(req, res);
    else sendJson(res, 404, { error: 'Not Found', path: pathname });
  } catch (err) {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' });
  }
});

server.listen(Number(process.env.PORT) || 3000);
