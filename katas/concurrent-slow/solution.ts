import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

const port = Number(process.env.PORT) || 3000;
const MAX_MS = 5000;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/fast') return sendJson(res, 200, { ok: true });
  if (req.method === 'GET' && url.pathname === '/slow') {
    const text = url.searchParams.get('ms') ?? '';
    if (!/^\d{1,4}$/.test(text) || Number(text) > MAX_MS) {
      return sendJson(res, 400, { error: `ms must be a whole number from 0 to ${MAX_MS}` });
    }
    const ms = Number(text);
    // A timer, not a loop: while this request waits, the event loop serves everyone else.
    await wait(ms);
    return sendJson(res, 200, { waited: ms });
  }
  sendJson(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
  });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
