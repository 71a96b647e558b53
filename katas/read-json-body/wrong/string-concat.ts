// @fails: multi-byte
// @why: `body += chunk` turns each Buffer into text on its own, so a character whose bytes arrive in two chunks is decoded as two broken halves (U+FFFD).
import http from 'node:http';

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' && req.method !== 'PUT') {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('Method Not Allowed');
    return;
  }
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    try {
      const received: unknown = JSON.parse(body);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ received }));
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('Invalid JSON body');
    }
  });
});

server.listen(Number(process.env.PORT) || 3000);
