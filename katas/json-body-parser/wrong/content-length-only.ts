// @fails: counts-while-reading
// @fails: counts-bytes
// @why: it trusts the Content-Length header alone, so a chunked body, which has no Content-Length, is read in full whatever its size.
const http = require('node:http') as typeof import('node:http');

const LIMIT = 8192;

const server = http.createServer((req, res) => {
  const reply = (status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  if (req.method !== 'POST' || req.url?.split('?')[0] !== '/echo') return reply(404, { error: 'Not Found' });
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.split(';')[0]!.trim() !== 'application/json') return reply(415, { error: 'Unsupported Media Type' });
  if (parseInt(req.headers['content-length'] ?? '0', 10) > LIMIT) {
    res.setHeader('connection', 'close');
    return reply(413, { error: 'Payload Too Large' });
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('error', () => res.destroy());
  req.on('end', () => {
    try {
      reply(200, { received: JSON.parse(Buffer.concat(chunks).toString()) });
    } catch {
      reply(400, { error: 'Invalid JSON' });
    }
  });
});

server.listen(Number(process.env.PORT) || 3000);
