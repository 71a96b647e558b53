// @fails: proto-variants
// @fails: bad-proto-ignored
// @why: it pastes X-Forwarded-Proto in front of the URL as it came, so "HTTPS", "https, http" or "javascript" end up as the scheme.
import { createServer } from 'node:http';

const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}))?$/i;

const server = createServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  const host = req.headers.host ?? '';
  const port = HOST.exec(host)?.[3];
  if (!HOST.test(host) || (port !== undefined && (+port < 1 || +port > 65535))) {
    res.statusCode = 400;
    res.end(JSON.stringify({ error: 'invalid Host header' }));
    return;
  }
  const proto = (req.headers['x-forwarded-proto'] as string | undefined) || 'http';
  res.end(JSON.stringify({ url: `${proto}://${host.toLowerCase()}${req.url}` }));
});

server.listen(Number(process.env.PORT) || 3000);
