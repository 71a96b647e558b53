// @fails: repeated-header
// @why: it rebuilds the headers from req.rawHeaders and lower-cases the names itself, so a header sent twice keeps only its last value instead of Node's "a, b".
import http from 'node:http';

const server = http.createServer((req, res) => {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers[req.rawHeaders[i]!.toLowerCase()] = req.rawHeaders[i + 1]!;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ method: req.method, url: req.url, httpVersion: req.httpVersion, remoteAddress: req.socket.remoteAddress, headers }));
});

server.listen(Number(process.env.PORT) || 3000);
