// @fails: chunked-body
// @fails: multi-byte
// @fails: empty-body-400
// @why: it parses the first 'data' chunk as if it were the whole body, so a body sent in pieces is cut short, and an empty body (no 'data' at all) never gets an answer.
const http = require('node:http') as typeof import('node:http');

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' && req.method !== 'PUT') {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('Method Not Allowed');
    return;
  }
  // "The body is small, it will come in one go."
  req.once('data', (chunk: Buffer) => {
    try {
      const received: unknown = JSON.parse(chunk.toString('utf8'));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ received }));
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('Invalid JSON body');
    }
  });
});

server.listen(Number(process.env.PORT) || 3000);
