// @fails: headers-lowercased
// @fails: repeated-header
// @why: it rebuilds the headers from req.rawHeaders, which keeps the client's spelling of each name (Host, X-Trace) instead of the lower-cased names of req.headers.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers[req.rawHeaders[i]] = req.rawHeaders[i + 1];
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ method: req.method, url: req.url, httpVersion: req.httpVersion, remoteAddress: req.socket.remoteAddress, headers }));
});

server.listen(Number(process.env.PORT) || 3000);
