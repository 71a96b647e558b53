// @fails: item-405
// @why: the 405 check looks the pathname up in a table of fixed paths, so /books/7 is never recognised as the known pattern /books/:id and its unsupported methods get 404.
const http = require('node:http') as typeof import('node:http');
type Req = import('node:http').IncomingMessage;
type Res = import('node:http').ServerResponse;

const books = new Map<number, { id: number; title: string }>();
let nextId = 1;

function send(res: Res, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

async function body(req: Req): Promise<any> {
  const parts: Buffer[] = [];
  try {
    for await (const p of req) parts.push(p as Buffer);
    return JSON.parse(Buffer.concat(parts).toString());
  } catch {
    return undefined;
  }
}

// "METHOD path" → handler, plus the methods of each path for the Allow header.
const routes = new Map<string, (req: Req, res: Res, id?: string) => unknown>();
const methodsOf = new Map<string, string[]>([['/books', ['GET', 'POST']]]);

routes.set('GET /books', (_req, res) => send(res, 200, [...books.values()]));
routes.set('POST /books', async (req, res) => {
  const b = await body(req);
  if (typeof b?.title !== 'string' || b.title.trim() === '') return send(res, 400, { error: 'title is required' });
  const book = { id: nextId++, title: b.title };
  books.set(book.id, book);
  send(res, 201, book);
});
routes.set('GET /books/:id', (req, res, id) => {
  const book = /^\d+$/.test(id!) ? books.get(+id!) : undefined;
  if (!book) return send(res, 404, { error: 'Not Found', path: new URL(req.url!, 'http://h').pathname });
  send(res, 200, book);
});
routes.set('DELETE /books/:id', (req, res, id) => {
  const book = /^\d+$/.test(id!) ? books.get(+id!) : undefined;
  if (!book) return send(res, 404, { error: 'Not Found', path: new URL(req.url!, 'http://h').pathname });
  books.delete(book.id);
  res.statusCode = 204;
  res.end();
});

http.createServer(async (req, res) => {
  const pathname = new URL(req.url ?? '/', 'http://h').pathname;
  const m = /^\/books\/([^/]+)$/.exec(pathname);
  const key = m ? `${req.method} /books/:id` : `${req.method} ${pathname}`;
  const handler = routes.get(key);
  if (handler) return handler(req, res, m?.[1]);
  const allow = methodsOf.get(pathname);
  if (allow) return send(res, 405, { error: 'Method Not Allowed' }, { Allow: allow.join(', ') });
  send(res, 404, { error: 'Not Found', path: pathname });
}).listen(process.env.PORT ?? 3000);
