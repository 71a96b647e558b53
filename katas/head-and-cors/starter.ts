import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Item {
  id: number;
  name: string;
}

const port = Number(process.env.PORT) || 3000;
const ALLOWED_ORIGINS = ['https://app.example.com', 'https://admin.example.com'];

const items = new Map<number, Item>();
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

const server = createServer(async (req, res) => {
  // TODO: CORS — Access-Control-Allow-Origin for the origins in ALLOWED_ORIGINS, and Vary: Origin.
  // TODO: OPTIONS — preflight (204 or 403) and plain OPTIONS (204 with Allow).
  // TODO: HEAD wherever there is GET.
  void ALLOWED_ORIGINS;
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const [, first, id, ...rest] = pathname.split('/');
  if (first === 'items' && id === undefined) {
    if (req.method === 'GET') return sendJson(res, 200, [...items.values()]);
    if (req.method === 'POST') {
      const body = (await readJson(req)) as { name?: unknown } | undefined;
      if (typeof body?.name !== 'string' || body.name === '') return sendJson(res, 400, { error: 'name is required' });
      const item = { id: nextId++, name: body.name };
      items.set(item.id, item);
      return sendJson(res, 201, item);
    }
    return sendJson(res, 405, { error: 'Method Not Allowed' });
  }
  if (first === 'items' && id && rest.length === 0) {
    const item = /^\d+$/.test(id) ? items.get(Number(id)) : undefined;
    if (req.method === 'GET') return item ? sendJson(res, 200, item) : sendJson(res, 404, { error: 'Not Found' });
    if (req.method === 'DELETE') {
      if (!item) return sendJson(res, 404, { error: 'Not Found' });
      items.delete(item.id);
      res.writeHead(204);
      return res.end();
    }
    return sendJson(res, 405, { error: 'Method Not Allowed' });
  }
  sendJson(res, 404, { error: 'Not Found' });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
