// @fails: aborted-upload
// @why: for await turns the aborted upload's 'error' into a throw, and with no try/catch around the loop the async listener's promise rejects unhandled, which ends the process.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const stats = { completed: 0, aborted: 0, bytes: 0 };

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/stats') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(stats));
    return;
  }
  if (req.method !== 'POST' || (pathname !== '/count' && pathname !== '/upper')) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not Found');
    return;
  }
  const body = await readAll(req);
  stats.completed++;
  stats.bytes += body.length;
  if (pathname === '/count') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ bytes: body.length, lines: body.filter((b) => b === 0x0a).length }));
  } else {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(body.toString('utf8').toUpperCase());
  }
}

createServer(handle).listen(Number(process.env.PORT) || 3000);
