// @fails: counts-bytes
// @why: it decodes the chunks to strings and adds up their length, which counts characters, so a body of multi-byte characters passes the limit several times over.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const LIMIT = 8192;

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function readJson(req: IncomingMessage, res: ServerResponse, done: (value: unknown) => void): void {
  if (Number(req.headers['content-length']) > LIMIT) return sendJson(res, 413, { error: 'Payload Too Large' }, { Connection: 'close' });
  req.setEncoding('utf8');
  let text = '';
  let refused = false;
  req.on('data', (chunk: string) => {
    if (refused) return;
    text += chunk;
    if (text.length > LIMIT) {
      refused = true;
      sendJson(res, 413, { error: 'Payload Too Large' }, { Connection: 'close' });
    }
  });
  req.on('error', () => undefined);
  req.on('end', () => {
    if (refused) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { error: 'Invalid JSON' });
    }
    done(value);
  });
}

createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'POST' || pathname !== '/echo') return sendJson(res, 404, { error: 'Not Found' });
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, { error: 'Unsupported Media Type' });
  readJson(req, res, (received) => sendJson(res, 200, { received }));
}).listen(Number(process.env.PORT) || 3000);
