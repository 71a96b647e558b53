// @fails: work-validated
// @why: it passes Number(ms) straight to the timer, so a missing or non-numeric ms waits no time and answers 200 with "done": null instead of 400.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

const port = Number(process.env.PORT) || 3000;
/** Requests still running after this long are abandoned: a shutdown must end. */
const DRAIN_LIMIT_MS = 10_000;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
  if (req.method === 'GET' && url.pathname === '/work') {
    const ms = Number(url.searchParams.get('ms'));
    await wait(ms); // stands for a query, a call to another service, ...
    return sendJson(res, 200, { done: ms });
  }
  sendJson(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
  });
});

let stopping = false;

function shutdown(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing the listener, finishing the requests in flight`);
  // Stops accepting connections; the callback runs once every open connection has ended.
  server.close(() => {
    console.log('all connections closed, exiting');
    process.exit(0);
  });
  // Keep-alive connections waiting for their next request would hold close() back.
  server.closeIdleConnections();
  // A request that never ends must not keep the process alive for ever; unref() so that this
  // timer alone does not either.
  setTimeout(() => {
    console.error(`requests still running after ${DRAIN_LIMIT_MS} ms: exiting anyway`);
    process.exit(1);
  }, DRAIN_LIMIT_MS).unref();
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
