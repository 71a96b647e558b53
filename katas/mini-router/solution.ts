import { createServer, IncomingMessage, ServerResponse } from 'node:http';

interface User {
  id: number;
  name: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const port = Number(process.env.PORT) || 3000;

// In-memory store: insertion order of a Map is creation order.
const users = new Map<number, User>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Reads and parses the body; resolves undefined when it is empty, not JSON, or cut off. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function nameFrom(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { name } = body as { name?: unknown };
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

const listUsers: Handler = (_req, res) => {
  sendJson(res, 200, [...users.values()]);
};

const createUser: Handler = async (req, res) => {
  const name = nameFrom(await readJson(req));
  if (name === undefined) {
    sendJson(res, 400, { error: 'name is required' });
    return;
  }
  const user: User = { id: nextId++, name };
  users.set(user.id, user);
  sendJson(res, 201, user);
};

const health: Handler = (_req, res) => {
  sendJson(res, 200, { status: 'ok', uptime: process.uptime() });
};

// The routing table: one entry per "METHOD pathname".
const routes = new Map<string, Handler>([
  ['GET /users', listUsers],
  ['POST /users', createUser],
  ['GET /health', health],
]);

async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Route on the pathname only: the query string must not change which handler runs.
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const handler = routes.get(`${req.method} ${pathname}`);
  if (!handler) {
    sendJson(res, 404, { error: 'Not Found', path: pathname });
    return;
  }
  await handler(req, res);
}

const server = createServer((req, res) => {
  dispatch(req, res).catch((err: unknown) => {
    console.error('handler failed', err);
    if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' });
    else res.destroy();
  });
});

server.listen(port, () => {
  console.log(`mini-router listening on port ${port}`);
});
