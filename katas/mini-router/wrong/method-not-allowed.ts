// @fails: unknown-method-404
// @why: answering 405 for a known path with the wrong method is good HTTP, but this API's contract asks for 404 on anything that is not a route.
const http = require('node:http') as typeof import('node:http');
import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const users = new Map<number, { id: number; name: string }>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
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

// path → (method → handler)
const routes = new Map<string, Map<string, Handler>>([
  [
    '/users',
    new Map<string, Handler>([
      ['GET', (_req, res) => sendJson(res, 200, [...users.values()])],
      [
        'POST',
        async (req, res) => {
          const body = (await readJson(req)) as { name?: unknown } | undefined;
          const name = body && typeof body === 'object' ? body.name : undefined;
          if (typeof name !== 'string' || name === '') {
            sendJson(res, 400, { error: 'name is required' });
            return;
          }
          const user = { id: nextId++, name };
          users.set(user.id, user);
          sendJson(res, 201, user);
        },
      ],
    ]),
  ],
  ['/health', new Map<string, Handler>([['GET', (_req, res) => sendJson(res, 200, { status: 'ok', uptime: process.uptime() })]])],
]);

const server = http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const byMethod = routes.get(pathname);
  if (!byMethod) {
    sendJson(res, 404, { error: 'Not Found', path: pathname });
    return;
  }
  const handler = byMethod.get(req.method ?? '');
  if (!handler) {
    sendJson(res, 405, { error: 'Method Not Allowed', path: pathname }, { Allow: [...byMethod.keys()].join(', ') });
    return;
  }
  await handler(req, res);
});

server.listen(Number(process.env.PORT) || 3000);
