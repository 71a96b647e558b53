import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

type Fields = Record<string, unknown>;

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The whole body as text: it arrives in chunks, after the listener has already started. */
async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8'); // decoded once, so no character is split
}

/** What middleware would have put in req.body, parsed by the declared media type. */
async function readFields(req: IncomingMessage): Promise<Fields> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') {
    const text = await readText(req);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new BadRequest(400, 'invalid JSON');
    }
    return typeof value === 'object' && value !== null ? (value as Fields) : {};
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(await readText(req)));
  }
  throw new BadRequest(415, 'unsupported content type');
}

const filled = (value: unknown): value is string => typeof value === 'string' && value !== '';

async function signup(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { name, email } = await readFields(req);
  if (!filled(name) || !filled(email)) throw new BadRequest(400, 'name and email are required');
  sendJson(res, 201, { name, email });
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'POST' || pathname !== '/signup') {
    sendJson(res, 404, { error: 'not found' });
    return;
  }
  signup(req, res).catch((err: unknown) => {
    if (err instanceof BadRequest) sendJson(res, err.status, { error: err.message });
    else if (!res.headersSent && !req.destroyed) sendJson(res, 500, { error: 'internal error' });
    else res.destroy();
  });
});

server.listen(port, () => {
  console.log(`no-req-body listening on port ${port}`);
});
