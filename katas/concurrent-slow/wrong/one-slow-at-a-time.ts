// @fails: ten-concurrent
// @fails: finish-in-order-of-delay
// @why: it chains every /slow request onto the previous one to "protect" the server, so ten slow requests take ten times as long and a short one waits behind a long one.
import { createServer, type ServerResponse } from 'node:http';

let tail: Promise<unknown> = Promise.resolve();

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/fast') return json(res, 200, { ok: true });
  if (url.pathname !== '/slow') return json(res, 404, { error: 'not found' });
  const raw = url.searchParams.get('ms') ?? '';
  const ms = Number(raw);
  if (raw === '' || !Number.isInteger(ms) || ms < 0 || ms > 5000) return json(res, 400, { error: 'ms must be 0-5000' });
  tail = tail.then(async () => {
    await delay(ms);
    json(res, 200, { waited: ms });
  });
}).listen(Number(process.env.PORT) || 3000);
