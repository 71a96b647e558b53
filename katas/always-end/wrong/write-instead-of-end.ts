// @fails: missing-name
// @why: the 400 branch sends its message with res.write() and returns, so the body goes out but the response is never finished.
const http = require('node:http') as typeof import('node:http');

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const key = `${req.method} ${url.pathname}`;
  if (key === 'GET /hello') {
    const name = url.searchParams.get('name');
    res.setHeader('Content-Type', 'text/plain');
    if (!name) {
      res.statusCode = 400;
      res.write('Missing name');
      return;
    }
    res.end(`Hello, ${name}!`);
    return;
  }
  if (key === 'DELETE /session') {
    res.statusCode = 204;
    res.end();
    return;
  }
  if (key === 'POST /echo') {
    res.setHeader('Content-Type', 'text/plain');
    req.pipe(res);
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
