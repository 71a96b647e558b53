// @fails: proto-variants
// @why: it compares the whole X-Forwarded-Proto header with 'https', so a proxy chain's list such as "https, http" (or " https ") falls back to http.
import http from 'node:http';

const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::(\d{1,5}))?$/i;

const server = http.createServer((req, res) => {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const host = req.headers.host;
  const port = host === undefined ? undefined : HOST.exec(host);
  if (host === undefined || !port || (port[1] !== undefined && (Number(port[1]) < 1 || Number(port[1]) > 65535))) {
    return json(400, { error: 'invalid Host header' });
  }
  const proto = String(req.headers['x-forwarded-proto']).toLowerCase() === 'https' ? 'https' : 'http';
  json(200, { url: `${proto}://${host.toLowerCase()}${req.url}` });
});

server.listen(Number(process.env.PORT) || 3000);
