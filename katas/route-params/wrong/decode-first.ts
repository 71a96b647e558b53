// @fails: encoded-slash
// @why: it decodes the whole pathname before splitting it, so an encoded slash (%2F) inside a value becomes a separator and the path no longer fits the route.
import http from 'node:http';

const routes = ['/users/me', '/users/:id', '/users/:id/posts/:postId'];

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

http
  .createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      send(res, 400, { error: 'Bad Request' });
      return;
    }
    const parts = decoded.split('/').slice(1);
    if (req.method === 'GET') {
      for (const route of routes) {
        const pattern = route.split('/').slice(1);
        if (pattern.length !== parts.length) continue;
        const params: Record<string, string> = {};
        const fits = pattern.every((seg, i) => {
          if (seg.startsWith(':')) {
            params[seg.slice(1)] = parts[i]!;
            return parts[i] !== '';
          }
          return seg === parts[i];
        });
        if (fits) return send(res, 200, { route, params });
      }
    }
    send(res, 404, { error: 'Not Found', path: pathname });
  })
  .listen(Number(process.env.PORT) || 3000);
