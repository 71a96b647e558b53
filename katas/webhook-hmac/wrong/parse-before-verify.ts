// @fails: verify-before-parse
// @why: it parses the body before checking the signature, so an unsigned body that is not JSON gets 400 (and a glimpse of the parser's opinion) instead of 401.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const SECRET = 'whsec_katabox_practice';

function json(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function verified(header: string | string[] | undefined, body: Buffer): boolean {
  const m = typeof header === 'string' ? /^sha256=([0-9a-f]{64})$/.exec(header) : null;
  if (!m) return false;
  const given = Buffer.from(m[1]!, 'hex');
  const mine = createHmac('sha256', SECRET).update(body).digest();
  return given.length === mine.length && timingSafeEqual(given, mine);
}

createServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== '/webhook') return json(res, 404, { error: 'not found' });
  try {
    const body = await readRaw(req);
    let event: { type?: unknown };
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch (err) {
      return json(res, 400, { error: (err as Error).message });
    }
    if (!verified(req.headers['x-katabox-signature'], body)) return json(res, 401, { error: 'invalid signature' });
    json(res, 200, { received: true, type: event.type });
  } catch {
    res.destroy();
  }
}).listen(Number(process.env.PORT) || 3000);
