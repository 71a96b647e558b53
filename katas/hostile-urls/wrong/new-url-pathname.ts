// @fails: double-slash
// @why: it routes on new URL(req.url, base).pathname, which reads '//evil.example/echo/hi' as host evil.example and path /echo/hi, so the '//' target is served instead of rejected.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const send = (status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(text);
  };
  if ((req.url ?? '').length > 2048) return send(414, 'URI Too Long');
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return send(400, 'Bad Request');
  }
  if (req.method === 'GET' && url.pathname.startsWith('/echo/')) {
    try {
      return send(200, decodeURIComponent(url.pathname.slice('/echo/'.length)));
    } catch {
      return send(400, 'Bad Request');
    }
  }
  send(404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
