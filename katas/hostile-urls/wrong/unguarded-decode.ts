// @fails: bad-escape
// @why: decodeURIComponent runs without a try/catch, so the first malformed escape throws a URIError in the request listener and the process exits (the probes after it run on a restarted server).
import http from 'node:http';

const server = http.createServer((req, res) => {
  const target = req.url ?? '/';
  const send = (status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(text);
  };
  if (target.length > 2048) return send(414, 'URI Too Long');
  if (target.startsWith('//')) return send(400, 'Bad Request');
  const [path = ''] = target.split('?');
  if (req.method === 'GET' && path.startsWith('/echo/')) return send(200, decodeURIComponent(path.slice(6)));
  send(404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
