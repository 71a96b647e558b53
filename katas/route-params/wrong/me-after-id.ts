// @fails: static-first
// @why: /users/:id is registered before /users/me, and the first match wins, so "me" is captured as an id and the fixed route is never reached.
import http from 'node:http';

type Params = Record<string, string>;
const routes: Array<{ pattern: string; segments: string[] }> = [];

function add(pattern: string): void {
  routes.push({ pattern, segments: pattern.split('/').filter(Boolean) });
}

add('/users/:id');
add('/users/:id/posts/:postId');
add('/users/me');

function match(segments: string[], path: string[]): Params | null {
  if (segments.length !== path.length) return null;
  const params: Params = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg[0] === ':') {
      if (!path[i]) return null;
      params[seg.slice(1)] = decodeURIComponent(path[i]!);
    } else if (seg !== path[i]) return null;
  }
  return params;
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const path = pathname.split('/').slice(1);
  res.setHeader('Content-Type', 'application/json');
  try {
    if (req.method === 'GET') {
      for (const route of routes) {
        const params = match(route.segments, path);
        if (params) {
          res.end(JSON.stringify({ route: route.pattern, params }));
          return;
        }
      }
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ error: 'Not Found', path: pathname }));
  } catch {
    res.statusCode = 400;
    res.end(JSON.stringify({ error: 'Bad Request' }));
  }
});

server.listen(Number(process.env.PORT) || 3000);
