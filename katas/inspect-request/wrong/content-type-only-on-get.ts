// @fails: method
// @why: the JSON Content-Type is set in the GET branch only, so a POST or a DELETE gets the same JSON with no Content-Type.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const body = JSON.stringify({ method: req.method, url: req.url, httpVersion: req.httpVersion, remoteAddress: req.socket.remoteAddress, headers: req.headers });
  if (req.method === 'GET') res.setHeader('Content-Type', 'application/json');
  res.end(body);
});

server.listen(Number(process.env.PORT) || 3000);
