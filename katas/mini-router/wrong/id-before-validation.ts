// @fails: ids-in-order
// @why: it takes the next id as soon as a POST arrives, before the body is checked, so every rejected request burns an id and the next user's id skips ahead.
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
  try {
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
      const id = nextId++;
      const body = (await readJson(req)) as { name?: unknown } | null | undefined;
      const name = typeof body === 'object' && body !== null ? body.name : undefined;
      if (typeof name !== 'string' || name === '') {
        sendJson(res, 400, { error: 'name is required' });
        return;
      }
      users.set(id, { id, name });
      sendJson(res, 201, { id, name });
    },
  ],
  ['GET /health', (_req, res) => sendJson(res, 200, { status: 'ok', uptime: process.uptime() })],
]);

createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const handler = routes.get(`${req.method} ${pathname}`);
  if (handler) await handler(req, res);
  else sendJson(res, 404, { error: 'Not Found', path: pathname });
}).listen(Number(process.env.PORT) || 3000);
