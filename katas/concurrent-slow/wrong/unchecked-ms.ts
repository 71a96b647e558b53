// @fails: ms-validated
// @why: it converts ms with Number() and never checks it, so a missing, empty or non-numeric ms waits no time (setTimeout treats NaN as 0) and answers 200 with "waited": null instead of 400.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

const port = Number(process.env.PORT) || 3000;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/fast') return sendJson(res, 200, { ok: true });
  if (req.method === 'GET' && url.pathname === '/slow') {
    const ms = Number(url.searchParams.get('ms'));
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
