import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Note {
  id: number;
  text: string;
}

const port = Number(process.env.PORT) || 3000;
const notes: Note[] = [];
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown, extra: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The note's text, or undefined when the body does not carry a usable one (null and arrays included). */
function textOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { text } = body as { text?: unknown };
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}

async function createNote(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    // Not JSON (an empty body included): the client's mistake, so 400 rather than the catch-all's 500.
    sendJson(res, 400, { error: 'invalid JSON' });
    return;
  }
  const text = textOf(body);
  if (text === undefined) {
    sendJson(res, 400, { error: 'text is required' });
    return; // without it the handler would go on and store the note anyway
  }
  const note: Note = { id: nextId++, text };
  notes.push(note);
  // Headers go out with the first byte of the body: Location must be set before (or with) writeHead.
  sendJson(res, 201, note, { Location: `/notes/${note.id}` });
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/notes' && req.method === 'GET') return sendJson(res, 200, notes);
  if (pathname === '/notes' && req.method === 'POST') return createNote(req, res);
  const byId = /^\/notes\/(\d+)$/.exec(pathname);
  if (byId && req.method === 'GET') {
    const note = notes.find((n) => n.id === Number(byId[1]));
    if (note) return sendJson(res, 200, note);
  }
  sendJson(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  route(req, res).catch((err: unknown) => {
    console.error('request failed:', err);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    else res.destroy();
  });
});

server.listen(port, () => {
  console.log(`notes API listening on port ${port}`);
});
