// @fails: status-200
// @fails: greeting-body
// @fails: any-path
// @fails: any-method
// @why: it only greets the path "/" and answers 404 everywhere else, but the task asks for the same greeting on every path.
const http = require('node:http') as typeof import('node:http');

http
  .createServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not Found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('Hello from raw Node!\n');
  })
  .listen(Number(process.env.PORT) || 3000);
