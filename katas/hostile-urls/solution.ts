import http from 'node:http';
import type { ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;
const MAX_TARGET = 2048;
const ECHO = '/echo/';

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Percent-decodes once; undefined when the escapes are malformed or not UTF-8. */
function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined; // URIError: the client's mistake, not ours
  }
}

const server = http.createServer((req, res) => {
  // Judge the raw target before any parser sees it.
  const target = req.url ?? '/';
  if (target.length > MAX_TARGET) return sendText(res, 414, 'URI Too Long');
  // '//x/...' would be read as a URL with host 'x' by new URL(); it is no path of ours.
  if (target.startsWith('//')) return sendText(res, 400, 'Bad Request');

  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  if (req.method === 'GET' && path.startsWith(ECHO)) {
    const text = decode(path.slice(ECHO.length));
    if (text === undefined) return sendText(res, 400, 'Bad Request');
    return sendText(res, 200, text);
  }
  sendText(res, 404, 'Not Found');
});

server.listen(port, () => {
  console.log(`hostile-urls listening on port ${port}`);
});
