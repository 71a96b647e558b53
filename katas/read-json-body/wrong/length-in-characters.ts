// @fails: multi-byte
// @why: it sets Content-Length to the string's length in UTF-16 code units, which is fewer than its UTF-8 bytes once é or 🚀 appear, so the reply is cut short.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

function reply(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': text.length });
  res.end(text);
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'POST' && req.method !== 'PUT') {
    reply(res, 405, 'text/plain', 'Method Not Allowed');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('error', () => res.destroy());
  req.on('end', () => {
    let received: unknown;
    try {
      received = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      reply(res, 400, 'text/plain', 'Invalid JSON body');
      return;
    }
    reply(res, 200, 'application/json', JSON.stringify({ received }));
  });
});

server.listen(Number(process.env.PORT) || 3000);
