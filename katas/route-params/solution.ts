import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Params = Record<string, string>;

interface Route {
  pattern: string;
  segments: string[];
}

const port = Number(process.env.PORT) || 3000;

// Tried in this order: the first match wins, so the static /users/me comes before /users/:id.
const routes: Route[] = ['/users/me', '/users/:id', '/users/:id/posts/:postId'].map((pattern) => ({
  pattern,
  segments: pattern.split('/').slice(1),
}));

class BadPath extends Error {}

/** The params when `path` fits the route, undefined when it does not. */
function match(route: Route, path: string[]): Params | undefined {
  if (path.length !== route.segments.length) return undefined;
  const params: Params = {};
  for (const [i, part] of route.segments.entries()) {
    const actual = path[i]!;
    if (part.startsWith(':')) {
      if (actual === '') return undefined; // a parameter needs at least one character
      try {
        // Decoded per segment, after splitting: %2F stays inside its segment.
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        throw new BadPath();
      }
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const path = pathname.split('/').slice(1);
  if (req.method === 'GET') {
    for (const route of routes) {
      const params = match(route, path);
      if (params) {
        sendJson(res, 200, { route: route.pattern, params });
        return;
      }
    }
  }
  sendJson(res, 404, { error: 'Not Found', path: pathname });
}

const server = createServer((req, res) => {
  try {
    handle(req, res);
  } catch (err) {
    if (err instanceof BadPath) sendJson(res, 400, { error: 'Bad Request' });
    else {
      console.error(err);
      sendJson(res, 500, { error: 'Internal Server Error' });
    }
  }
});

server.listen(port, () => {
  console.log(`route-params listening on port ${port}`);
});
