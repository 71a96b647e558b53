// @fails: preflight
// @fails: preflight-item
// @why: the preflight answer allows the origin but names no methods or headers, so the browser still refuses to send the DELETE or the JSON POST.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Item {
  id: number;
  name: string;
}

type Params = Record<string, string>;
type Handler = (req: IncomingMessage, res: ServerResponse, params: Params) => void | Promise<void>;

interface Resource {
  segments: string[];
  methods: Map<string, Handler>;
}

const port = Number(process.env.PORT) || 3000;
// Whole origins, compared exactly: scheme, host and port all count.
const ALLOWED_ORIGINS = new Set(['https://app.example.com', 'https://admin.example.com']);

const items = new Map<number, Item>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text); // for HEAD, Node sends the headers and leaves the body out
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

function itemOf(params: Params): Item | undefined {
  return /^\d+$/.test(params.id!) ? items.get(Number(params.id)) : undefined;
}

const resources: Resource[] = [
  {
    segments: ['items'],
    methods: new Map<string, Handler>([
      ['GET', (_req, res) => sendJson(res, 200, [...items.values()])],
      [
        'POST',
        async (req, res) => {
          const body = (await readJson(req)) as { name?: unknown } | undefined;
          const name = typeof body === 'object' && body !== null ? body.name : undefined;
          if (typeof name !== 'string' || name.trim() === '') return sendJson(res, 400, { error: 'name is required' });
          const item = { id: nextId++, name };
          items.set(item.id, item);
          sendJson(res, 201, item);
        },
      ],
    ]),
  },
  {
    segments: ['items', ':id'],
    methods: new Map<string, Handler>([
      ['GET', (_req, res, params) => {
        const item = itemOf(params);
        if (item) sendJson(res, 200, item);
        else sendJson(res, 404, { error: 'Not Found' });
      }],
      ['DELETE', (_req, res, params) => {
        const item = itemOf(params);
        if (!item) return sendJson(res, 404, { error: 'Not Found' });
        items.delete(item.id);
        res.writeHead(204).end();
      }],
    ]),
  },
];

function match(resource: Resource, path: string[]): Params | undefined {
  if (path.length !== resource.segments.length) return undefined;
  const params: Params = {};
  for (const [i, segment] of resource.segments.entries()) {
    if (segment.startsWith(':') && path[i] !== '') params[segment.slice(1)] = path[i]!;
    else if (segment !== path[i]) return undefined;
  }
  return params;
}

/** The methods a path answers: its own, plus HEAD wherever there is GET. */
function methodsOf(resource: Resource): string[] {
  const methods = [...resource.methods.keys()];
  return methods.includes('GET') ? ['GET', 'HEAD', ...methods.filter((m) => m !== 'GET')] : methods;
}

async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = req.headers.origin;
  const allowedOrigin = typeof origin === 'string' && ALLOWED_ORIGINS.has(origin);
  // The CORS headers depend on Origin: tell caches so, on every response.
  res.setHeader('Vary', 'Origin');
  if (allowedOrigin) res.setHeader('Access-Control-Allow-Origin', origin);

  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const path = pathname.split('/').slice(1);
  for (const resource of resources) {
    const params = match(resource, path);
    if (!params) continue;
    const methods = methodsOf(resource);

    if (req.method === 'OPTIONS') {
      const preflight = origin !== undefined && req.headers['access-control-request-method'] !== undefined;
      if (!preflight) {
        res.writeHead(204, { Allow: [...methods, 'OPTIONS'].join(', ') }).end();
      } else if (!allowedOrigin) {
        sendJson(res, 403, { error: 'Origin not allowed' });
      } else {
        res.writeHead(204).end(); // Access-Control-Allow-Origin is already set above
      }
      return;
    }

    // HEAD runs the GET handler: same status, same headers, and Node drops the body.
    const handler = resource.methods.get(req.method === 'HEAD' ? 'GET' : (req.method ?? ''));
    if (!handler) return sendJson(res, 405, { error: 'Method Not Allowed' }, { Allow: [...methods, 'OPTIONS'].join(', ') });
    await handler(req, res, params);
    return;
  }
  sendJson(res, 404, { error: 'Not Found' });
}

const server = createServer((req, res) => {
  dispatch(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' });
    else res.destroy();
  });
});

server.listen(port, () => {
  console.log(`head-and-cors listening on port ${port}`);
});
