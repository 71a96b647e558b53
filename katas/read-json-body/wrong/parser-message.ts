// @fails: malformed-400
// @fails: empty-body-400
// @why: the 400 status is right but the body appends JSON.parse's own message instead of the exact text "Invalid JSON body".
import http from 'node:http';

const server = http.createServer(async (req, res) => {
  if (req.method !== 'POST' && req.method !== 'PUT') {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('Method Not Allowed');
    return;
  }
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const received: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ received }));
  } catch (err) {
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    res.end(`Invalid JSON body: ${(err as Error).message}`);
  }
});

server.listen(Number(process.env.PORT) || 3000);
