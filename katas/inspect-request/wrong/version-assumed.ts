// @fails: http-version
// @why: it writes "1.1" because that is what curl sends, but an HTTP/1.0 client gets the same answer; the version must come from req.httpVersion.
const http = require('node:http') as typeof import('node:http');

http
  .createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, url: req.url, httpVersion: '1.1', remoteAddress: req.socket.remoteAddress, headers: req.headers }));
  })
  .listen(Number(process.env.PORT) || 3000);
