// @fails: http-version
// @why: it reports the protocol as it appears on the request line ("HTTP/1.1") instead of req.httpVersion, which is the bare "1.1".
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const echo = {
    method: req.method,
    url: req.url,
    httpVersion: `HTTP/${req.httpVersionMajor}.${req.httpVersionMinor}`,
    remoteAddress: req.socket.remoteAddress,
    headers: req.headers,
  };
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(echo));
});

server.listen(Number(process.env.PORT) || 3000);
