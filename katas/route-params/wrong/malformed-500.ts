// @fails: malformed-400
// @why: decodeURIComponent's URIError falls through to the generic catch-all, so a broken escape from the client is answered 500 as if the server had a bug.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const routes = ['/users/me', '/users/:id', '/users/:id/posts/:postId'].map((pattern) => ({ pattern, parts: pattern.split('/') }));

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function route(req: IncomingMessage, res: ServerResponse): void {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const parts = pathname.split('/');
  for (const r of req.method === 'GET' ? routes : []) {
    if (r.parts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = r.parts.every((p, i) => (p.startsWith(':') ? parts[i] !== '' && ((params[p.slice(1)] = decodeURIComponent(parts[i]!)), true) : p === parts[i]));
    if (ok) return sendJson(res, 200, { route: r.pattern, params });
  }
  sendJson(res, 404, { error: 'Not Found', path: pathname });
}

createServer((req, res) => {
  try {
    route(req, res);
  } catch (err) {
    console.error(err);
    sendJson(res, 500, { error: 'Internal Server Error' });
  }
}).listen(Number(process.env.PORT) || 3000);
