// @fails: remote-address
// @why: it prefers the X-Forwarded-For header over the socket, so any client can choose the address this server reports by sending that header.
import http from 'node:http';

function clientAddress(req: http.IncomingMessage): string | undefined {
  const forwarded = req.headers['x-forwarded-for'];
  if (typeof forwarded === 'string') return forwarded.split(',')[0]!.trim();
  return req.socket.remoteAddress;
}

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ method: req.method, url: req.url, httpVersion: req.httpVersion, remoteAddress: clientAddress(req), headers: req.headers }));
});

server.listen(Number(process.env.PORT) || 3000);
