import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;
const METHODS_WITH_BODY = new Set(['POST', 'PUT']);

function send(res: ServerResponse, status: number, type: string, text: string, extra: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, {
    ...extra,
    'Content-Type': `${type}; charset=utf-8`,
    'Content-Length': Buffer.byteLength(text), // bytes, not characters
  });
  res.end(text);
}

/** Collects the whole body. Rejects if the client goes away before it is complete. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  // Decode once, at the end: a multi-byte character may straddle two chunks.
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!METHODS_WITH_BODY.has(req.method ?? '')) {
    send(res, 405, 'text/plain', 'Method Not Allowed', { Allow: 'POST, PUT' });
    return;
  }

  let text: string;
  try {
    text = await readBody(req);
  } catch (err) {
    // The upload was cut off: nobody is left to answer, so drop this request and carry on.
    console.warn(`upload aborted: ${(err as Error).message}`);
    res.destroy();
    return;
  }

  let received: unknown;
  try {
    received = JSON.parse(text);
  } catch {
    send(res, 400, 'text/plain', 'Invalid JSON body');
    return;
  }
  send(res, 200, 'application/json', JSON.stringify({ received }));
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error('unexpected error', err);
    if (!res.headersSent) send(res, 500, 'text/plain', 'Internal Server Error');
    else res.destroy();
  });
});

server.listen(port, () => {
  console.log(`read-json-body listening on port ${port}`);
});
