// @fails: rows-validated
// @why: it passes Number(rows) straight to the loop, so a missing, zero or non-numeric rows streams an empty 200 report and a huge one runs for minutes, instead of answering 400.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

const port = Number(process.env.PORT) || 3000;
const ROW_MS = 200;
/** Reports being streamed right now. */
let active = 0;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Resolves once the response can take more data, or the client has gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function report(res: ServerResponse, rows: number): Promise<void> {
  // No Content-Length: the total size is not known yet, so Node sends the body chunked.
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  active++;
  // When the client goes away, stop working for it: abort the pending wait.
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  try {
    for (let row = 1; row <= rows; row++) {
      await wait(ROW_MS, undefined, { signal: gone.signal }); // computing the row takes a while
      const fits = res.write(JSON.stringify({ row, total: rows }) + '\n');
      if (!fits && !gone.signal.aborted) await drained(res); // backpressure: let the client catch up
    }
    res.end();
  } catch (err) {
    if (!gone.signal.aborted) throw err;
  } finally {
    active--;
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/stats') return sendJson(res, 200, { active });
  if (req.method === 'GET' && url.pathname === '/report') {
    return report(res, Number(url.searchParams.get('rows')));
  }
  sendJson(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    else res.destroy();
  });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
