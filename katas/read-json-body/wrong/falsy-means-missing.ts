// @fails: put-accepted
// @why: it uses `if (!data)` to spot a bad body, so the valid JSON documents 0, false and null are answered 400 as if they had not parsed.
const http = require('node:http') as typeof import('node:http');

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

http
  .createServer((req, res) => {
    if (req.method !== 'POST' && req.method !== 'PUT') {
      res.writeHead(405, { 'Content-Type': 'text/plain' });
      res.end('Method Not Allowed');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const data = parseOrNull(Buffer.concat(chunks).toString('utf8'));
      if (!data) {
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end('Invalid JSON body');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ received: data }));
    });
  })
  .listen(Number(process.env.PORT) || 3000);
