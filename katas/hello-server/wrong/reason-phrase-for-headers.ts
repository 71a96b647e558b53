// @fails: content-type
// @fails: any-path
// @fails: any-method
// @why: a string as writeHead's second argument is the status line's reason phrase, not a header, so the reply reads "200 text/plain" and has no Content-Type.
import http from 'node:http';

const server = http.createServer((_req, res) => {
  res.writeHead(200, 'text/plain');
  res.end('Hello from raw Node!\n');
});

server.listen(Number(process.env.PORT) || 3000);
