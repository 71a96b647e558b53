// @fails: stream-opens
// @why: it sets the event-stream head but sends nothing until the first event, and Node holds the head back until the first write, so a new client hears nothing until someone posts.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Message {
  id: number;
  text: string;
}

const port = Number(process.env.PORT) || 3000;
/** Every message ever posted, so a client that reconnects can catch up. */
const history: Message[] = [];
const streams = new Set<ServerResponse>();
/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** One event: its id, then one data line per line of text (a newline inside a data line would end it). */
function frame(message: Message): string {
  const data = message.text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
  return `id: ${message.id}\n${data}\n`;
}

function openStream(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const last = req.headers['last-event-id'];
  if (typeof last === 'string' && /^\d+$/.test(last.trim())) {
    const seen = Number(last.trim());
    for (const message of history) if (message.id > seen) res.write(frame(message));
  }
  streams.add(res);
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  res.on('close', () => {
    clearInterval(heartbeat);
    streams.delete(res);
  });
}

async function postMessage(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let text: unknown;
  try {
    text = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: unknown } | null)?.text;
  } catch {
    return sendJson(res, 400, { error: 'the body must be JSON' });
  }
  if (typeof text !== 'string' || text === '') return sendJson(res, 400, { error: 'text must be a non-empty string' });
  const message: Message = { id: history.length + 1, text };
  history.push(message);
  for (const stream of streams) stream.write(frame(message));
  sendJson(res, 201, { id: message.id });
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/events') return openStream(req, res);
  if (req.method === 'POST' && pathname === '/messages') {
    postMessage(req, res).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    });
    return;
  }
  sendJson(res, 404, { error: 'not found' });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
