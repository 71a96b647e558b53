// @fails: collection-405
// @fails: item-405
// @fails: query-ignored
// @why: the 405 status is right but the Allow header is missing, and HTTP requires a 405 to say which methods the path does support.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse, id: string) => void | Promise<void>;

const books = new Map<number, { id: number; title: string }>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

const find = (id: string) => (/^\d+$/.test(id) ? books.get(Number(id)) : undefined);

const table: Array<{ pattern: RegExp; methods: Record<string, Handler> }> = [
  {
    pattern: /^\/books$/,
    methods: {
      GET: (_req, res) => sendJson(res, 200, [...books.values()]),
      POST: async (req, res) => {
        const body = await readJson(req);
        if (typeof body?.title !== 'string' || body.title === '') return sendJson(res, 400, { error: 'title is required' });
        const book = { id: nextId++, title: body.title };
        books.set(book.id, book);
        sendJson(res, 201, book);
      },
    },
  },
  {
    pattern: /^\/books\/([^/]+)$/,
    methods: {
      GET: (req, res, id) => {
        const book = find(id);
        if (book) sendJson(res, 200, book);
        else sendJson(res, 404, { error: 'Not Found', path: new URL(req.url ?? '/', 'http://localhost').pathname });
      },
      DELETE: (req, res, id) => {
        const book = find(id);
        if (!book) return sendJson(res, 404, { error: 'Not Found', path: new URL(req.url ?? '/', 'http://localhost').pathname });
        books.delete(book.id);
        res.writeHead(204).end();
      },
    },
  },
];

createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  for (const { pattern, methods } of table) {
    const m = pattern.exec(pathname);
    if (!m) continue;
    const handler = methods[req.method ?? ''];
    if (!handler) return sendJson(res, 405, { error: 'Method Not Allowed' });
    return handler(req, res, m[1] ?? '');
  }
  sendJson(res, 404, { error: 'Not Found', path: pathname });
}).listen(Number(process.env.PORT) || 3000);
