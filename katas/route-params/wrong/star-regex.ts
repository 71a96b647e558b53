// @fails: empty-segment-404
// @why: each parameter is compiled to ([^/]*), which also matches nothing, so /users/ answers 200 with an empty id instead of 404.
import { createServer, type ServerResponse } from 'node:http';

interface Route {
  pattern: string;
  regex: RegExp;
  names: string[];
}

function compile(pattern: string): Route {
  const names: string[] = [];
  const source = pattern.replace(/:(\w+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]*)';
  });
  return { pattern, regex: new RegExp(`^${source}$`), names };
}

const routes = ['/users/me', '/users/:id', '/users/:id/posts/:postId'].map(compile);

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
}

createServer((req, res) => {
  const pathname = new URL(req.url!, 'http://x').pathname;
  if (req.method !== 'GET') return json(res, 404, { error: 'Not Found', path: pathname });
  for (const route of routes) {
    const m = route.regex.exec(pathname);
    if (!m) continue;
    try {
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      return json(res, 200, { route: route.pattern, params });
    } catch {
      return json(res, 400, { error: 'Bad Request' });
    }
  }
  json(res, 404, { error: 'Not Found', path: pathname });
}).listen(Number(process.env.PORT) || 3000);
