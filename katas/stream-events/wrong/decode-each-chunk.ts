// @fails: upper-split-character
// @why: /upper streams its answer by decoding each chunk on its own, so a character whose bytes are split between two chunks turns into two U+FFFD replacement characters.
const http = require('node:http') as typeof import('node:http');

const stats = { completed: 0, aborted: 0, bytes: 0 };

http
  .createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const upload = req.method === 'POST' && (pathname === '/count' || pathname === '/upper');
    if (req.method === 'GET' && pathname === '/stats') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(stats));
      return;
    }
    if (!upload) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not Found');
      return;
    }
    let bytes = 0;
    let lines = 0;
    if (pathname === '/upper') res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (pathname === '/upper') res.write(chunk.toString('utf8').toUpperCase());
      else for (const b of chunk) if (b === 10) lines++;
    });
    req.on('end', () => {
      stats.completed++;
      stats.bytes += bytes;
      if (pathname === '/upper') return res.end();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ bytes, lines }));
    });
    req.on('error', () => {
      stats.aborted++;
      res.destroy();
    });
  })
  .listen(Number(process.env.PORT) || 3000);
