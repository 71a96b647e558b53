// @fails: aborted-upload
// @why: one chunks array serves every request and is emptied only after a body is parsed, so the bytes of an upload that was cut off are glued in front of the next request's body.
import { createServer } from 'node:http';

let chunks: Buffer[] = [];

const server = createServer((req, res) => {
  if (req.method !== 'POST' && req.method !== 'PUT') {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('Method Not Allowed');
    return;
  }
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('error', (err) => console.warn('upload failed:', err.message));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    chunks = [];
    let received: unknown;
    try {
      received = JSON.parse(text);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('Invalid JSON body');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ received }));
  });
});

server.listen(Number(process.env.PORT) || 3000);
