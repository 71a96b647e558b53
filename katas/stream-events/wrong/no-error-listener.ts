// @fails: aborted-upload
// @why: it listens for 'data' and 'end' only, so an upload the client abandons simply never ends: nothing counts it as aborted.
import http from 'node:http';

const stats = { completed: 0, aborted: 0, bytes: 0 };

function json(res: http.ServerResponse, value: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/stats') return json(res, stats);
  if (req.method !== 'POST' || (pathname !== '/count' && pathname !== '/upper')) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return res.end('Not Found');
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    stats.completed++;
    stats.bytes += body.length;
    if (pathname === '/count') return json(res, { bytes: body.length, lines: body.toString('latin1').split('\n').length - 1 });
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(body.toString('utf8').toUpperCase());
  });
});

server.listen(Number(process.env.PORT) || 3000);
