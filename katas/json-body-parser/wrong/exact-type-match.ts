// @fails: type-parameters
// @why: it compares the whole Content-Type header with the string "application/json", so "application/json; charset=utf-8" and "Application/JSON" are refused with 415.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const LIMIT = 8192;

class TooLarge extends Error {}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', Connection: status === 413 ? 'close' : 'keep-alive' });
  res.end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > LIMIT) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'POST' || pathname !== '/echo') return sendJson(res, 404, { error: 'Not Found' });
  const mediaType = req.headers['content-type'];
  if (mediaType !== 'application/json') return sendJson(res, 415, { error: 'Unsupported Media Type' });
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (err) {
    if (err instanceof TooLarge) sendJson(res, 413, { error: 'Payload Too Large' });
    return;
  }
  try {
    sendJson(res, 200, { received: JSON.parse(body.toString('utf8')) });
  } catch {
    sendJson(res, 400, { error: 'Invalid JSON' });
  }
}).listen(Number(process.env.PORT) || 3000);
