import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Book {
  id: number;
  title: string;
}

const port = Number(process.env.PORT) || 3000;
const books = new Map<number, Book>();
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
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/books') return sendJson(res, 200, [...books.values()]);
  if (req.method === 'POST' && pathname === '/books') {
    const body = (await readJson(req)) as { title?: unknown } | undefined;
    if (typeof body?.title !== 'string' || body.title === '') return sendJson(res, 400, { error: 'title is required' });
    const book = { id: nextId++, title: body.title };
    books.set(book.id, book);
    return sendJson(res, 201, book);
  }
  // TODO: GET and DELETE /books/:id.
  // TODO: a known path with an unsupported method → 405 { error: 'Method Not Allowed' } with an Allow header.
  sendJson(res, 404, { error: 'Not Found', path: pathname });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
