// @fails: stalled-headers-408
// @why: its 408 timer starts in the request handler, which Node calls only once the head is complete, so a client that stalls in the middle of its headers is never timed out.
import { createServer } from 'node:http';

const LIMIT_MS = 2000;

const server = createServer((req, res) => {
  let bytes = 0;
  const timer = setTimeout(() => {
    res.writeHead(408, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end(JSON.stringify({ error: 'request timeout' }));
    req.socket.destroySoon();
  }, LIMIT_MS);
  req.on('data', (chunk: Buffer) => (bytes += chunk.length));
  req.on('error', () => clearTimeout(timer));
  req.on('end', () => {
    clearTimeout(timer);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ bytes }));
  });
});

server.listen(Number(process.env.PORT) || 3000);
