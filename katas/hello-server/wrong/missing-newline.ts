// @fails: greeting-body
// @fails: any-path
// @fails: any-method
// @why: the body must match byte for byte, and this one drops the trailing newline.
import http from 'node:http';

const server = http.createServer((_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!');
});

server.listen(Number(process.env.PORT) || 3000);
