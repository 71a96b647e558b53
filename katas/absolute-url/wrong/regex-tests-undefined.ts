// @fails: missing-host
// @why: RegExp.test turns an undefined Host into the string "undefined", which looks like a fine host name, so a request without Host gets "http://undefined/...".
import http from 'node:http';

const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

function portOk(host: string): boolean {
  const port = host.split(':')[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

const server = http.createServer((req, res) => {
  const host = req.headers.host as string;
  res.setHeader('Content-Type', 'application/json');
  if (!HOST.test(host) || !portOk(String(host))) {
    res.statusCode = 400;
    return res.end(JSON.stringify({ error: 'invalid Host header' }));
  }
  const proto = `${req.headers['x-forwarded-proto'] ?? ''}`.split(',')[0]!.trim().toLowerCase() === 'https' ? 'https' : 'http';
  res.end(JSON.stringify({ url: `${proto}://${String(host).toLowerCase()}${req.url}` }));
});

server.listen(Number(process.env.PORT) || 3000);
