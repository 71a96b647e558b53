import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Book {
  id: number;
  title: string;
}

type Params = Record<string, string>;
type Handler = (req: IncomingMessage, res: ServerResponse, params: Params) => void | Promise<void>;

/** One path pattern and the handlers of each method it supports. */
interface Resource {
  segments: string[];
  methods: Map<string, Handler>;
}

const port = Number(process.env.PORT) || 3000;
const books = new Map<number, Book>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function notFound(res: ServerResponse, pathname: string): void {
  sendJson(res, 404, { error: 'Not Found', path: pathname });
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

function bookOf(params: Params): Book | undefined {
  return /^\d+$/.test(params.id!) ? books.get(Number(params.id)) : undefined;
}

const resources: Resource[] = [
  {
    segments: ['books'],
    methods: new Map<string, Handler>([
      ['GET', (_req, res) => sendJson(res, 200, [...books.values()])],
      [
        'POST',
        async (req, res) => {
          const body = (await readJson(req)) as { title?: unknown } | undefined;
          const title = typeof body === 'object' && body !== null ? body.title : undefined;
          if (typeof title !== 'string' || title.trim() === '') return sendJson(res, 400, { error: 'title is required' });
          const book = { id: nextId++, title };
          books.set(book.id, book);
          sendJson(res, 201, book);
        },
      ],
    ]),
  },
  {
    segments: ['books', ':id'],
    methods: new Map<string, Handler>([
      [
        'GET',
        (req, res, params) => {
          const book = bookOf(params);
          if (book) sendJson(res, 200, book);
          else notFound(res, new URL(req.url ?? '/', 'http://localhost').pathname);
        },
      ],
      [
        'DELETE',
        (req, res, params) => {
          const book = bookOf(params);
          if (!book) return notFound(res, new URL(req.url ?? '/', 'http://localhost').pathname);
          books.delete(book.id);
          res.writeHead(204).end();
        },
      ],
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

async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const path = pathname.split('/').slice(1);
  for (const resource of resources) {
    const params = match(resource, path);
    if (!params) continue;
    // The path exists: from here on, the only question is whether it supports this method.
    const handler = resource.methods.get(req.method ?? '');
    if (!handler) {
      sendJson(res, 405, { error: 'Method Not Allowed' }, { Allow: [...resource.methods.keys()].join(', ') });
      return;
    }
    await handler(req, res, params);
    return;
  }
  notFound(res, pathname);
}

const server = createServer((req, res) => {
  dispatch(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' });
    else res.destroy();
  });
});

server.listen(port, () => {
  console.log(`not-found-vs-405 listening on port ${port}`);
});
