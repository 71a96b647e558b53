// @fails: any-method
// @why: the headers are set in the GET branch only, so every other method gets the greeting with no Content-Type at all.
import http from 'node:http';

const GREETING = 'Hello from raw Node!\n';

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(GREETING);
    return;
  }
  // "Nobody reads the headers of a POST reply anyway."
  res.end(GREETING);
});

server.listen(Number(process.env.PORT) || 3000);
