// @fails: put-accepted
// @why: it treats a body that parses to anything but an object as invalid, but "hello", 42 and null are JSON documents too and the task accepts any JSON value.
import http from 'node:http';

async function readText(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = http.createServer(async (req, res) => {
  if (req.method !== 'POST' && req.method !== 'PUT') {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('Method Not Allowed');
    return;
  }
  try {
    const received: unknown = JSON.parse(await readText(req));
    if (typeof received !== 'object' || received === null) throw new TypeError('expected an object');
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ received }));
  } catch {
    if (res.destroyed) return; // the client hung up mid-upload
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    res.end('Invalid JSON body');
  }
});

server.listen(Number(process.env.PORT) || 3000);
