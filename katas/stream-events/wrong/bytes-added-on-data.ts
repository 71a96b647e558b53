// @fails: aborted-upload
// @why: it adds each chunk to the total bytes as it arrives, so the part of an abandoned upload that did arrive is counted as if it had been received.
import http from 'node:http';

const stats = { completed: 0, aborted: 0, bytes: 0 };

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/stats') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(stats));
    return;
  }
  if (req.method !== 'POST' || !['/count', '/upper'].includes(pathname)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => {
    stats.bytes += chunk.length; // a running total, "streaming style"
    chunks.push(chunk);
  });
  req.on('error', () => {
    stats.aborted++;
  });
  req.on('end', () => {
    stats.completed++;
    const body = Buffer.concat(chunks);
    if (pathname === '/count') {
      const lines = body.reduce((n, b) => (b === 10 ? n + 1 : n), 0);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ bytes: body.length, lines }));
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body.toString().toUpperCase());
    }
  });
});

server.listen(Number(process.env.PORT) || 3000);
