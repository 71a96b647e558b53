import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

// Tried in this order; the first route that fits the path answers.
const patterns = ['/users/me', '/users/:id', '/users/:id/posts/:postId'];

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

/** Returns the params when `pathname` fits `pattern`, or undefined. */
function match(pattern: string, pathname: string): Record<string, string> | undefined {
  // TODO: compare segment by segment; ':name' segments capture (and decode) a value.
  return pattern === pathname ? {} : undefined;
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  // TODO: only GET is routed; a broken percent-escape in a parameter answers 400 { error: 'Bad Request' }.
  for (const pattern of patterns) {
    const params = match(pattern, pathname);
    if (params) {
      sendJson(res, 200, { route: pattern, params });
      return;
    }
  }
  sendJson(res, 404, { error: 'Not Found', path: pathname });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
