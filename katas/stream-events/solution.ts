import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;
const NEWLINE = 0x0a;

/** Over every upload (POST /count and POST /upper) since the server started. */
const stats = { completed: 0, aborted: 0, bytes: 0 };

function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Follows one upload: `onChunk` sees each Buffer as it arrives, `onEnd` runs once the body is
 * complete. The totals move only then, so an abandoned upload adds nothing but its count.
 */
function track(req: IncomingMessage, onChunk: (chunk: Buffer) => void, onEnd: () => void): void {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length; // bytes, counted before any decoding
    onChunk(chunk);
  });
  req.on('end', () => {
    stats.completed++;
    stats.bytes += size;
    onEnd();
  });
  // A client that hangs up mid-body: 'end' never comes, 'error' does (ECONNRESET "aborted").
  // Listening for it is also what keeps it from being thrown.
  req.on('error', (err) => {
    stats.aborted++;
    console.warn(`upload to ${req.url} aborted after ${size} bytes: ${err.message}`);
  });
}

function count(req: IncomingMessage, res: ServerResponse): void {
  let bytes = 0;
  let lines = 0;
  // Counting needs no copy of the body: each chunk is looked at once and let go.
  track(
    req,
    (chunk) => {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === NEWLINE) lines++;
    },
    () => send(res, 200, 'application/json', JSON.stringify({ bytes, lines })),
  );
}

function upper(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  track(
    req,
    (chunk) => chunks.push(chunk),
    // Decoded once, whole: a character whose bytes straddle two chunks stays one character.
    () => send(res, 200, 'text/plain', Buffer.concat(chunks).toString('utf8').toUpperCase()),
  );
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const route = `${req.method} ${pathname}`;
  if (route === 'POST /count') count(req, res);
  else if (route === 'POST /upper') upper(req, res);
  else if (route === 'GET /stats') send(res, 200, 'application/json', JSON.stringify(stats));
  else send(res, 404, 'text/plain', 'Not Found');
});

server.listen(port, () => {
  console.log(`stream-events listening on port ${port}`);
});
