// @fails: json-object
// @fails: method
// @why: the body is valid JSON, but without a Content-Type header the client is never told so.
const http = require('node:http') as typeof import('node:http');

http
  .createServer((req, res) => {
    const { method, url, httpVersion, headers } = req;
    res.end(JSON.stringify({ method, url, httpVersion, remoteAddress: req.socket.remoteAddress, headers }));
  })
  .listen(Number(process.env.PORT) || 3000);
