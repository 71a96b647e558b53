// @fails: no-match-404
// @fails: empty-segment-404
// @why: the patterns are compiled without a closing $, so /users/:id also matches any longer path that starts with /users/<something>, such as /users/7/posts.
import { createServer, type ServerResponse } from 'node:http';

// Longest pattern first, so the two-parameter route gets its chance before /users/:id.
const routes: Array<[string, RegExp, string[]]> = [
  ['/users/me', /^\/users\/me$/, []],
  ['/users/:id/posts/:postId', /^\/users\/([^/]+)\/posts\/([^/]+)/, ['id', 'postId']],
  ['/users/:id', /^\/users\/([^/]+)/, ['id']],
];

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

createServer((req, res) => {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET') {
    for (const [route, regex, names] of routes) {
      const m = pathname.match(regex);
      if (!m) continue;
      const params: Record<string, string> = {};
      try {
        names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
      } catch {
        return json(res, 400, { error: 'Bad Request' });
      }
      return json(res, 200, { route, params });
    }
  }
  json(res, 404, { error: 'Not Found', path: pathname });
}).listen(Number(process.env.PORT) || 3000);
