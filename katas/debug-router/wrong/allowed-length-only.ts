// @fails: delete-book
// @fails: query-string-ignored
// @fails: malformed-json-400
// @why: 404 and 405 are told apart now, but the lookup still stops before the DELETE route, the query string still breaks matching, and a malformed body still crashes the server.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

interface Book {
  id: number;
  title: string;
  author: string;
}

type Params = Record<string, string>;
type Handler = (req: IncomingMessage, res: ServerResponse, params: Params) => void | Promise<void>;

interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

/** An error that already knows its status: thrown by helpers, answered by dispatch. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const port = Number(process.env.PORT) || 3000;
const books = new Map<number, Book>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid JSON');
  }
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

const listBooks: Handler = (_req, res) => {
  sendJson(res, 200, [...books.values()]);
};

const createBook: Handler = async (req, res) => {
  const body = (await readJson(req)) as { title?: unknown; author?: unknown } | null;
  if (typeof body !== 'object' || body === null || !nonEmpty(body.title) || !nonEmpty(body.author)) {
    sendJson(res, 400, { error: 'title and author are required' });
    return;
  }
  const book: Book = { id: nextId++, title: body.title, author: body.author };
  books.set(book.id, book);
  sendJson(res, 201, book);
};

const getBook: Handler = (_req, res, params) => {
  const book = books.get(Number(params.id));
  if (!book) {
    sendJson(res, 404, { error: 'book not found' });
    return;
  }
  sendJson(res, 200, book);
};

const deleteBook: Handler = (_req, res, params) => {
  if (!books.delete(Number(params.id))) {
    sendJson(res, 404, { error: 'book not found' });
    return;
  }
  res.writeHead(204);
  res.end();
};

const routes: Route[] = [
  { method: 'GET', pattern: '/books', handler: listBooks },
  { method: 'POST', pattern: '/books', handler: createBook },
  { method: 'GET', pattern: '/books/:id', handler: getBook },
  { method: 'DELETE', pattern: '/books/:id', handler: deleteBook },
];

/** The params when `path` fits `pattern` ('/books/:id' fits '/books/7' with id '7'), else null. */
function match(pattern: string, path: string): Params | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Params = {};
  for (let i = 1; i < want.length; i++) {
    if (want[i]!.startsWith(':')) params[want[i]!.slice(1)] = got[i]!;
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

function findRoute(method: string, path: string): { handler: Handler; params: Params } | undefined {
  for (let i = 0; i < routes.length - 1; i++) {
    const params = match(routes[i]!.pattern, path);
    if (params && routes[i]!.method === method) return { handler: routes[i]!.handler, params };
  }
  return undefined;
}

function allowedMethods(path: string): string[] {
  return routes.filter((r) => match(r.pattern, path) !== null).map((r) => r.method);
}

function dispatch(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  const found = findRoute(req.method ?? 'GET', path);
  if (!found) {
    const allowed = allowedMethods(path);
    if (allowed.length > 0) sendJson(res, 405, { error: 'method not allowed' }, { Allow: allowed.join(', ') });
    else sendJson(res, 404, { error: 'not found' });
    return;
  }
  try {
    found.handler(req, res, found.params);
  } catch (err) {
    if (err instanceof HttpError) sendJson(res, err.status, { error: err.message });
    else {
      console.error('handler failed:', err);
      sendJson(res, 500, { error: 'internal error' });
    }
  }
}

const server = createServer(dispatch);

server.listen(port, () => {
  console.log(`books API listening on port ${port}`);
});
