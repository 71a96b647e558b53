// @fails: bad-escape
// @why: a catch-all turns the URIError of a malformed escape into 500 Internal Server Error, blaming the server for what is the client's broken URL (400).
import http from 'node:http';

const server = http.createServer((req, res) => {
  const send = (status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(text);
  };
  try {
    const target = req.url ?? '/';
    if (target.length > 2048) return send(414, 'URI Too Long');
    if (target.startsWith('//')) return send(400, 'Bad Request');
    const path = target.split('?')[0]!;
    if (req.method === 'GET' && path.startsWith('/echo/')) return send(200, decodeURIComponent(path.slice(6)));
    send(404, 'Not Found');
  } catch (err) {
    console.error(err);
    send(500, 'Internal Server Error');
  }
});

server.listen(Number(process.env.PORT) || 3000);
