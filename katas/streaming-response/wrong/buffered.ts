// @fails: rows-arrive-over-time
// @why: it builds the whole report in a string and sends it with one res.end(), so the client sees nothing until the last row is ready — a correct body, but not a stream.
import { createServer, type ServerResponse } from 'node:http';

let active = 0;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/stats') return json(res, 200, { active });
  if (url.pathname !== '/report') return json(res, 404, { error: 'not found' });
  const rows = Number(url.searchParams.get('rows') ?? '');
  if (!Number.isInteger(rows) || rows < 1 || rows > 50) return json(res, 400, { error: 'rows must be 1-50' });
  let closed = false;
  res.on('close', () => (closed = true));
  active++;
  let body = '';
  for (let row = 1; row <= rows && !closed; row++) {
    await sleep(200);
    body += JSON.stringify({ row, total: rows }) + '\n';
  }
  active--;
  if (closed) return;
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  res.end(body);
}).listen(Number(process.env.PORT) || 3000);
