import crypto from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SECRET = 'whsec_katabox_practice';
const SIGNATURE = /^sha256=([0-9a-f]{64})$/;
const port = Number(process.env.PORT) || 3000;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Whether `header` is the HMAC of exactly these bytes. */
function signedBy(header: string | string[] | undefined, body: Buffer): boolean {
  const match = typeof header === 'string' ? SIGNATURE.exec(header) : null;
  if (!match) return false;
  const given = Buffer.from(match[1]!, 'hex');
  const expected = crypto.createHmac('sha256', SECRET).update(body).digest();
  // timingSafeEqual throws on buffers of different lengths; the pattern already fixes it at
  // 32 bytes, and the check keeps that true if the pattern ever changes.
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

async function webhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readRaw(req);
  if (!signedBy(req.headers['x-katabox-signature'], body)) {
    sendJson(res, 401, { error: 'invalid signature' });
    return;
  }
  let event: { type?: unknown };
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch {
    sendJson(res, 400, { error: 'the body is not valid JSON' });
    return;
  }
  sendJson(res, 200, { received: true, type: event?.type });
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'POST' || pathname !== '/webhook') {
    sendJson(res, 404, { error: 'not found' });
    return;
  }
  webhook(req, res).catch((err: unknown) => {
    console.error('webhook failed', err);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    else res.destroy();
  });
});

server.listen(port, () => {
  console.log(`webhook receiver listening on port ${port}`);
});
