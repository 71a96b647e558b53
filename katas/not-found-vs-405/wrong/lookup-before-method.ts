// @fails: item-405
// @why: the /books/:id branch loads the book before it looks at the method, so an unsupported method on a missing book answers 404 instead of 405.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Book {
  id: number;
  title: string;
}

const books = new Map<number, Book>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

async function readJson(req: IncomingMessage): Promise<{ title?: unknown } | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

async function books_(req: IncomingMessage, res: ServerResponse): Promise<void> {
  switch (req.method) {
    case 'GET':
      return sendJson(res, 200, [...books.values()]);
    case 'POST': {
      const body = await readJson(req);
      if (typeof body?.title !== 'string' || body.title.trim() === '') return sendJson(res, 400, { error: 'title is required' });
      const book = { id: nextId++, title: body.title };
      books.set(book.id, book);
      return sendJson(res, 201, book);
    }
    default:
      return sendJson(res, 405, { error: 'Method Not Allowed' }, { Allow: 'GET, POST' });
  }
}

function book_(req: IncomingMessage, res: ServerResponse, id: string, pathname: string): void {
  const book = /^\d+$/.test(id) ? books.get(Number(id)) : undefined;
  if (!book) return sendJson(res, 404, { error: 'Not Found', path: pathname });
  switch (req.method) {
    case 'GET':
      return sendJson(res, 200, book);
    case 'DELETE':
      books.delete(book.id);
      res.writeHead(204);
      res.end();
      return;
    default:
      return sendJson(res, 405, { error: 'Method Not Allowed' }, { Allow: 'GET, DELETE' });
  }
}

createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const [, first, id, ...rest] = pathname.split('/');
  if (first === 'books' && id === undefined) return void books_(req, res);
  if (first === 'books' && id && rest.length === 0) return book_(req, res, id, pathname);
  sendJson(res, 404, { error: 'Not Found', path: pathname });
}).listen(Number(process.env.PORT) || 3000);
