// @fails: collection-405
// @fails: item-405
// @fails: query-ignored
// @why: the Allow header lists every method the API knows (GET, POST, DELETE) instead of the methods of the path that matched, so it promises DELETE /books and POST /books/:id.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const books = new Map<number, { id: number; title: string }>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

async function readJson(req: IncomingMessage): Promise<any> {
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

const API_METHODS = 'GET, POST, DELETE';

createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const parts = pathname.split('/').slice(1);
  if (parts.length === 1 && parts[0] === 'books') {
    if (req.method === 'GET') return sendJson(res, 200, [...books.values()]);
    if (req.method === 'POST') {
      const body = await readJson(req);
      if (typeof body?.title !== 'string' || !body.title.trim()) return sendJson(res, 400, { error: 'title is required' });
      const book = { id: nextId++, title: body.title };
      books.set(book.id, book);
      return sendJson(res, 201, book);
    }
    return sendJson(res, 405, { error: 'Method Not Allowed' }, { Allow: API_METHODS });
  }
  if (parts.length === 2 && parts[0] === 'books' && parts[1] !== '') {
    const book = /^\d+$/.test(parts[1]!) ? books.get(Number(parts[1])) : undefined;
    if (req.method === 'GET') return book ? sendJson(res, 200, book) : sendJson(res, 404, { error: 'Not Found', path: pathname });
    if (req.method === 'DELETE') {
      if (!book) return sendJson(res, 404, { error: 'Not Found', path: pathname });
      books.delete(book.id);
      res.writeHead(204);
      return res.end();
    }
    return sendJson(res, 405, { error: 'Method Not Allowed' }, { Allow: API_METHODS });
  }
  sendJson(res, 404, { error: 'Not Found', path: pathname });
}).listen(Number(process.env.PORT) || 3000);
