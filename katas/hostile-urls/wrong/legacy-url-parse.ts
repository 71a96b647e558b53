// @fails: double-slash
// @why: it trusts the deprecated url.parse(), which keeps '//evil.example/echo/x' as a path (404) but reads '//user@host/echo/x' as a host plus /echo/x (200), and never rejects '//' targets.
import http from 'node:http';
import { parse } from 'node:url';

const server = http.createServer((req, res) => {
  const send = (status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(text);
  };
  if ((req.url ?? '').length > 2048) return send(414, 'URI Too Long');
  const pathname = parse(req.url ?? '/').pathname ?? '/';
  if (req.method === 'GET' && pathname.startsWith('/echo/')) {
    let text: string;
    try {
      text = decodeURIComponent(pathname.slice('/echo/'.length));
    } catch {
      return send(400, 'Bad Request');
    }
    return send(200, text);
  }
  send(404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
