// @fails: percent-decoded
// @fails: encoded-slash
// @fails: malformed-400
// @why: it hands out the segments exactly as they arrived, still percent-encoded, so "J%C3%BCrgen" is never turned back into "Jürgen" and a broken escape is never noticed.
const { createServer } = require('node:http') as typeof import('node:http');

const routes: Array<{ route: string; parts: string[] }> = ['/users/me', '/users/:id', '/users/:id/posts/:postId'].map((route) => ({
  route,
  parts: route.split('/'),
}));

const server = createServer((req, res) => {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  const segments = pathname.split('/');
  let answer: { status: number; body: unknown } = { status: 404, body: { error: 'Not Found', path: pathname } };
  if (req.method === 'GET') {
    for (const { route, parts } of routes) {
      if (parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      parts.forEach((p, i) => {
        if (p.startsWith(':')) {
          if (!segments[i]) ok = false;
          params[p.slice(1)] = segments[i]!;
        } else if (p !== segments[i]) ok = false;
      });
      if (ok) {
        answer = { status: 200, body: { route, params } };
        break;
      }
    }
  }
  res.statusCode = answer.status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(answer.body));
});

server.listen(Number(process.env.PORT) || 3000);
