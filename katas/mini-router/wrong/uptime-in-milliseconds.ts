// @fails: health
// @why: it measures uptime as Date.now() minus a start time, which is milliseconds, where the contract (and process.uptime()) speaks seconds.
import http from 'node:http';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

const startedAt = Date.now();
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
    return null;
  }
}

const routes = new Map<string, Handler>();
routes.set('GET /users', (_req, res) => sendJson(res, 200, Array.from(users.values())));
routes.set('POST /users', async (req, res) => {
  const body = (await readJson(req)) as { name?: unknown } | null;
  if (!body || typeof body.name !== 'string' || !body.name) {
    sendJson(res, 400, { error: 'name is required' });
    return;
  }
  const user = { id: nextId++, name: body.name };
  users.set(user.id, user);
  sendJson(res, 201, user);
});
routes.set('GET /health', (_req, res) => sendJson(res, 200, { status: 'ok', uptime: Date.now() - startedAt }));

http
  .createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const handler = routes.get(`${req.method} ${pathname}`);
    if (handler) await handler(req, res);
    else sendJson(res, 404, { error: 'Not Found', path: pathname });
  })
  .listen(Number(process.env.PORT) || 3000);
