// @fails: wrong-type-415
// @why: it parses every body as JSON whatever its Content-Type says, so a text/plain or form body that happens to parse is accepted instead of refused with 415.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const LIMIT = 8192;

function sendJson(res: ServerResponse, status: number, payload: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...extra });
  res.end(JSON.stringify(payload));
}

function bodyOf(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > LIMIT) return resolve('too-large');
    const parts: Buffer[] = [];
    let n = 0;
    const onData = (b: Buffer) => {
      n += b.length;
      if (n > LIMIT) {
        req.off('data', onData);
        resolve('too-large');
      } else parts.push(b);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

createServer(async (req, res) => {
  if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/echo') return sendJson(res, 404, { error: 'Not Found' });
  let body: Buffer | 'too-large';
  try {
    body = await bodyOf(req);
  } catch {
    return;
  }
  if (body === 'too-large') return sendJson(res, 413, { error: 'Payload Too Large' }, { Connection: 'close' });
  try {
    sendJson(res, 200, { received: JSON.parse(body.toString('utf8')) });
  } catch {
    sendJson(res, 400, { error: 'Invalid JSON' });
  }
}).listen(Number(process.env.PORT) || 3000);
