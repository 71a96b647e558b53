// @fails: form-body
// @fails: missing-fields
// @fails: form-decoding
// @fails: content-type-params
// @fails: unsupported-type
// @why: it reads the stream correctly but feeds every body to JSON.parse whatever its Content-Type, so every form (complete or not) is rejected as invalid JSON and unknown types get 400 instead of 415.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

function reply(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: { name?: unknown; email?: unknown };
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) ?? {};
  } catch {
    return reply(res, 400, { error: 'invalid JSON' });
  }
  const { name, email } = body;
  if (typeof name !== 'string' || name === '' || typeof email !== 'string' || email === '') {
    return reply(res, 400, { error: 'name and email are required' });
  }
  reply(res, 201, { name, email });
}

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url?.split('?')[0] === '/signup') {
    handle(req, res).catch(() => res.destroy());
    return;
  }
  reply(res, 404, { error: 'not found' });
});

server.listen(Number(process.env.PORT) || 3000);
