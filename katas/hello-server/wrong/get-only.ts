// @fails: any-method
// @why: the task says every method, but this server only greets GET requests and turns the rest away with 405.
const http = require('node:http') as typeof import('node:http');

const server = http.createServer((req, res) => {
  if (req.method !== 'GET') {
    res.writeHead(405, { 'Content-Type': 'text/plain', Allow: 'GET' });
    res.end('Method Not Allowed\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\n');
});

server.listen(Number(process.env.PORT) || 3000);
