// @fails: keeps-serving
// @why: the for await loop over the request is not inside a try block, so a client that hangs up mid-upload rejects the listener's promise and Node ends the process.
import { createServer, type ServerResponse } from 'node:http';

const LIMIT = 8192;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...(status === 413 ? { Connection: 'close' } : {}) });
  res.end(JSON.stringify(payload));
}

createServer(async (req, res) => {
  if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/echo') return sendJson(res, 404, { error: 'Not Found' });
  if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') return sendJson(res, 415, { error: 'Unsupported Media Type' });
  if (Number(req.headers['content-length']) > LIMIT) return sendJson(res, 413, { error: 'Payload Too Large' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > LIMIT) return sendJson(res, 413, { error: 'Payload Too Large' });
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return sendJson(res, 400, { error: 'Invalid JSON' });
  }
  sendJson(res, 200, { received: value });
}).listen(Number(process.env.PORT) || 3000);
