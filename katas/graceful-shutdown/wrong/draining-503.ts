// @fails: graceful-sigterm
// @why: on SIGTERM it keeps the listener open and answers new requests 503 while the old ones drain; the contract asks for the listener to close, so new connections are refused outright.
import { createServer, type ServerResponse } from 'node:http';

let draining = false;
let inFlight = 0;

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function exitWhenIdle() {
  if (draining && inFlight === 0) process.exit(0);
}

createServer((req, res) => {
  if (draining) return json(res, 503, { error: 'shutting down' });
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') return json(res, 200, { status: 'ok' });
  if (url.pathname !== '/work') return json(res, 404, { error: 'not found' });
  const text = url.searchParams.get('ms') ?? '';
  if (!/^\d+$/.test(text) || Number(text) > 5000) return json(res, 400, { error: 'bad ms' });
  inFlight++;
  setTimeout(() => {
    json(res, 200, { done: Number(text) });
    inFlight--;
    exitWhenIdle();
  }, Number(text));
}).listen(Number(process.env.PORT) || 3000);

process.on('SIGTERM', () => {
  draining = true;
  exitWhenIdle();
});
