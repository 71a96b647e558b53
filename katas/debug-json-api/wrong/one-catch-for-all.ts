// @fails: malformed-json-400
// @why: one try/catch around parsing and validation answers "text is required" for every failure, so a body that is not JSON at all gets the wrong error message.
const http = require('node:http') as typeof import('node:http');

type Note = { id: number; text: string };
const notes: Note[] = [];
let nextId = 1;

function sendJson(res: import('node:http').ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(payload));
}

http
  .createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/notes' && req.method === 'GET') return sendJson(res, 200, notes);
    if (pathname === '/notes' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let text: string;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (typeof body.text !== 'string' || !body.text.trim()) throw new Error('no text');
          text = body.text;
        } catch {
          return sendJson(res, 400, { error: 'text is required' });
        }
        const note = { id: nextId++, text };
        notes.push(note);
        sendJson(res, 201, note, { Location: `/notes/${note.id}` });
      });
      return;
    }
    const match = pathname.match(/^\/notes\/(\d+)$/);
    const found = match && req.method === 'GET' ? notes.find((n) => n.id === Number(match[1])) : undefined;
    if (found) return sendJson(res, 200, found);
    sendJson(res, 404, { error: 'not found' });
  })
  .listen(Number(process.env.PORT) || 3000);
