// @fails: json-object
// @why: the body is valid JSON, but without a Content-Type header the client is never told so.
const http = require('node:http') as typeof import('node:http');

http
  .createServer((req, res) => {
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers }));
  })
  .listen(Number(process.env.PORT) || 3000);
