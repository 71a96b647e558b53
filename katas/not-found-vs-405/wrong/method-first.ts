// @fails: collection-405
// @fails: item-405
// @fails: unknown-path-other-methods
// @fails: query-ignored
// @why: it routes on the method first, so a method the API never uses is a 405 on any path (PUT /nope) and a method it does use is a 404 on any path that lacks it (DELETE /books).
import http from 'node:http';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, id?: string) => void | Promise<void>;

const books = new Map<number, { id: number; title: string }>();
let nextId = 1;

const json = (res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
  res.writeHead(status, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const readJson = async (req: http.IncomingMessage): Promise<any> => {
  let text = '';
  try {
    for await (const chunk of req) text += chunk;
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const notFound = (res: http.ServerResponse, path: string) => json(res, 404, { error: 'Not Found', path });

// method → [pattern, handler]
const byMethod: Record<string, Array<[RegExp, Handler]>> = {
  GET: [
    [/^\/books$/, (_req, res) => json(res, 200, [...books.values()])],
    [/^\/books\/([^/]+)$/, (req, res, id) => {
      const book = books.get(Number(id));
      return book && /^\d+$/.test(id!) ? json(res, 200, book) : notFound(res, new URL(req.url!, 'http://x').pathname);
    }],
  ],
  POST: [
    [/^\/books$/, async (req, res) => {
      const body = await readJson(req);
      if (!body || typeof body.title !== 'string' || body.title === '') return json(res, 400, { error: 'title is required' });
      const book = { id: nextId++, title: body.title };
      books.set(book.id, book);
      json(res, 201, book);
    }],
  ],
  DELETE: [
    [/^\/books\/([^/]+)$/, (req, res, id) => {
      if (!/^\d+$/.test(id!) || !books.delete(Number(id))) return notFound(res, new URL(req.url!, 'http://x').pathname);
      res.writeHead(204).end();
    }],
  ],
};

http
  .createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const routes = byMethod[req.method ?? ''];
    if (!routes) return json(res, 405, { error: 'Method Not Allowed' }, { Allow: Object.keys(byMethod).join(', ') });
    for (const [pattern, handler] of routes) {
      const m = pattern.exec(pathname);
      if (m) return handler(req, res, m[1]);
    }
    notFound(res, pathname);
  })
  .listen(Number(process.env.PORT) || 3000);
