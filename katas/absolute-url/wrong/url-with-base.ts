// @fails: double-slash-path
// @why: it resolves req.url against the origin with new URL(req.url, origin), so a target like '//evil.example/x' replaces the host instead of staying a path.
import http from 'node:http';

const HOST = /^[a-z0-9.-]+(?::(\d{1,5}))?$/i;

const server = http.createServer((req, res) => {
  const send = (status: number, payload: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(payload));
  };
  const host = req.headers.host;
  const m = host === undefined ? null : HOST.exec(host);
  if (!host || !m || (m[1] !== undefined && (Number(m[1]) < 1 || Number(m[1]) > 65535))) return send(400, { error: 'invalid Host header' });
  const first = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim().toLowerCase();
  const proto = first === 'https' ? 'https' : 'http';
  send(200, { url: new URL(req.url ?? '/', `${proto}://${host}`).href });
});

server.listen(Number(process.env.PORT) || 3000);
