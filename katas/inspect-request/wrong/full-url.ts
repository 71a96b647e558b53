// @fails: path
// @fails: query-string
// @fails: url-as-sent
// @why: it assumes the url should be absolute and glues http:// and the Host header in front of req.url, which the client never sent.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      method: req.method,
      url: `http://${req.headers.host}${req.url}`,
      httpVersion: req.httpVersion,
      remoteAddress: req.socket.remoteAddress,
      headers: req.headers,
    }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
