import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Request extends IncomingMessage {
  body?: unknown;
}

type Next = (err?: unknown) => void;
type Middleware = (req: Request, res: ServerResponse, next: Next) => void;

const port = Number(process.env.PORT) || 3000;
const LIMIT = 8192; // bytes of body

/** An error whose status and message are meant for the client. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function isJson(contentType: string | undefined): boolean {
  // "Application/JSON; charset=utf-8" is JSON too: the media type is case-insensitive, parameters follow ';'.
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Reads the body into req.body, refusing it as soon as it is known to be too large. */
function jsonBody(limit: number): Middleware {
  return (req, _res, next) => {
    if (!isJson(req.headers['content-type'])) return next(new HttpError(415, 'Unsupported Media Type'));
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return next(new HttpError(413, 'Payload Too Large')); // decided before any byte is read

    const chunks: Buffer[] = [];
    let received = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length; // bytes, not characters
      if (received > limit) {
        stop(); // whatever still arrives is discarded, not stored
        next(new HttpError(413, 'Payload Too Large'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      try {
        req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return next(new HttpError(400, 'Invalid JSON'));
      }
      next();
    };
    const onError = (err: Error): void => {
      stop();
      console.warn(`request body aborted: ${err.message}`); // the client is gone; nobody to answer
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}

const echo: Middleware = (req, res) => sendJson(res, 200, { received: req.body });

function handleError(err: unknown, res: ServerResponse): void {
  if (err instanceof HttpError) {
    // After a refused body, close the connection rather than read the rest of it.
    sendJson(res, err.status, { error: err.message }, err.status === 413 ? { Connection: 'close' } : {});
    return;
  }
  console.error(err);
  sendJson(res, 500, { error: 'Internal Server Error' });
}

function run(chain: Middleware[], req: Request, res: ServerResponse): void {
  const step = (index: number): void => {
    const middleware = chain[index];
    if (!middleware) return;
    try {
      middleware(req, res, (err) => (err === undefined ? step(index + 1) : handleError(err, res)));
    } catch (err) {
      handleError(err, res);
    }
  };
  step(0);
}

const postEcho = [jsonBody(LIMIT), echo];

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'POST' && pathname === '/echo') run(postEcho, req, res);
  else sendJson(res, 404, { error: 'Not Found' });
});

server.listen(port, () => {
  console.log(`json-body-parser listening on port ${port}`);
});
