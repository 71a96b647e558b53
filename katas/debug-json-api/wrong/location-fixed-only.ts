// @fails: missing-text-400
// @fails: json-but-not-object
// @fails: malformed-json-400
// @why: Location is set before sendJson now, but the 400 branch still falls through and stores the note, and bodies that are not JSON, or are null, still end in a 500.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Note {
  id: number;
  text: string;
}

const port = Number(process.env.PORT) || 3000;
const notes: Note[] = [];
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
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

async function createNote(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = JSON.parse(await readBody(req));
  if (typeof body.text !== 'string' || body.text.trim() === '') {
    sendJson(res, 400, { error: 'text is required' });
  }
  const note: Note = { id: nextId++, text: body.text };
  notes.push(note);
  res.setHeader('Location', `/notes/${note.id}`);
  sendJson(res, 201, note);
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
  });
});

server.listen(port, () => {
  console.log(`notes API listening on port ${port}`);
});
