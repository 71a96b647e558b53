// @fails: keep-alive-pipelined
// @why: it treats each 'data' chunk as exactly one request, so when several pipelined requests arrive in one chunk only the first is answered and the rest are dropped.
import net from 'node:net';

const port = Number(process.env.PORT) || 3000;
const HEAD_END = Buffer.from('\r\n\r\n');
/** A head longer than this is refused rather than buffered without end. */
const MAX_HEAD = 16 * 1024;
const REQUEST_LINE = /^([A-Z]+) (\S+) HTTP\/(1\.[01])$/;
const STATUS_TEXT: Record<number, string> = { 200: 'OK', 400: 'Bad Request' };

interface Request {
  method: string;
  target: string;
  version: string;
  headers: Record<string, string>;
  bodyLength: number;
}

class Malformed extends Error {}

function parseHead(head: string): Request {
  const [requestLine = '', ...lines] = head.split('\r\n');
  const match = REQUEST_LINE.exec(requestLine);
  if (!match) throw new Malformed(`bad request line ${JSON.stringify(requestLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Malformed(`bad header line ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const length = headers['content-length'] ?? '0';
  if (!/^\d+$/.test(length)) throw new Malformed(`bad Content-Length ${JSON.stringify(length)}`);
  return { method: match[1]!, target: match[2]!, version: match[3]!, headers, bodyLength: Number(length) };
}

/** Serialises a response; Content-Length counts the body's bytes. */
function response(status: number, body: string, close: boolean): Buffer {
  const payload = Buffer.from(body, 'utf8');
  const lines = [`HTTP/1.1 ${status} ${STATUS_TEXT[status]}`, 'Content-Type: application/json', `Content-Length: ${payload.length}`];
  if (close) lines.push('Connection: close');
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), payload]);
}

/** HTTP/1.1 keeps the connection unless the client says close; HTTP/1.0 closes unless it says keep-alive. */
function wantsClose(request: Request): boolean {
  const tokens = (request.headers['connection'] ?? '').toLowerCase().split(',').map((t) => t.trim());
  return request.version === '1.0' ? !tokens.includes('keep-alive') : tokens.includes('close');
}

const server = net.createServer((socket) => {
  let buffered = Buffer.alloc(0);
  let closing = false;

  const drain = (): void => {
    if (!closing) {
      const end = buffered.indexOf(HEAD_END);
      if (end === -1) {
        if (buffered.length > MAX_HEAD) reject('request head too large');
        return;
      }
      let request: Request;
      try {
        request = parseHead(buffered.subarray(0, end).toString('latin1'));
      } catch (err) {
        reject((err as Error).message);
        return;
      }
      const bodyStart = end + HEAD_END.length;
      if (buffered.length < bodyStart + request.bodyLength) return; // the body is still on its way
      const body = buffered.subarray(bodyStart, bodyStart + request.bodyLength).toString('utf8');
      buffered = buffered.subarray(bodyStart + request.bodyLength);
      const close = wantsClose(request);
      const echo = { method: request.method, target: request.target, headers: request.headers, body };
      socket.write(response(200, JSON.stringify(echo), close));
      if (close) {
        closing = true;
        socket.end();
      }
    }
  };

  const reject = (reason: string): void => {
    closing = true;
    socket.end(response(400, JSON.stringify({ error: reason }), true));
  };

  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.from(chunk);
    drain();
    buffered = Buffer.alloc(0);
  });
  socket.on('error', () => socket.destroy());
});

server.listen(port, () => {
  console.log(`raw HTTP server listening on port ${port}`);
});
