// @fails: hostile-host
// @fails: missing-host
// @why: it validates Host by parsing it with new URL() and comparing hosts, but without a try/catch: a Host that URL rejects (such as an out-of-range port) throws in the listener and ends the process.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const send = (status: number, payload: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(payload));
  };
  const host = req.headers.host ?? '';
  const first = (req.headers['x-forwarded-proto'] ?? '').toString().split(',')[0]!.trim().toLowerCase();
  const proto = first === 'https' ? 'https' : 'http';
  const origin = new URL(`${proto}://${host}`);
  if (host === '' || origin.host !== host.toLowerCase()) return send(400, { error: 'invalid Host header' });
  send(200, { url: `${origin.origin}${req.url}` });
});

server.listen(Number(process.env.PORT) || 3000);
