// @fails: aborted-upload
// @why: only JSON.parse sits in the try block, so when a client aborts its upload the for await loop throws, the async listener's promise rejects unhandled, and Node exits.
import http from 'node:http';

const server = http.createServer(async (req, res) => {
  if (req.method !== 'POST' && req.method !== 'PUT') {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('Method Not Allowed');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let received: unknown;
  try {
    received = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    res.end('Invalid JSON body');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ received }));
});

server.listen(Number(process.env.PORT) || 3000);
