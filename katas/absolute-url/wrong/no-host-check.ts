// @fails: host-lowercased
// @fails: hostile-host
// @fails: missing-host
// @why: it pastes the Host header into the URL unchecked, so 'user@evil.example' or 'evil.example/x' yield a URL with another host, and a request without Host yields "http://undefined/...".
const http = require('node:http') as typeof import('node:http');

const server = http.createServer((req, res) => {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim().toLowerCase();
  const proto = forwarded === 'https' ? 'https' : 'http';
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ url: `${proto}://${req.headers.host}${req.url}` }));
});

server.listen(Number(process.env.PORT) || 3000);
