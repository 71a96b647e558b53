import http from 'node:http';
import type { ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

// Labels of letters, digits and inner hyphens, joined by dots (IPv4 fits too), then an optional port.
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::(\d{1,5}))?$/i;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The Host header, lowercased, or undefined when it is missing or not a plain host[:port]. */
function validHost(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = HOST.exec(header);
  if (!match) return undefined;
  const port = match[1];
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) return undefined;
  return header.toLowerCase();
}

/** The scheme the client used, as the first proxy saw it; anything unexpected means http. */
function scheme(header: string | string[] | undefined): 'http' | 'https' {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(',')[0]?.trim().toLowerCase();
  return first === 'https' ? 'https' : 'http';
}

const server = http.createServer((req, res) => {
  const host = validHost(req.headers.host);
  if (!host) return sendJson(res, 400, { error: 'invalid Host header' });
  // Joined as text: resolving req.url against the origin would let '//other/...' replace the host.
  const url = `${scheme(req.headers['x-forwarded-proto'])}://${host}${req.url ?? '/'}`;
  sendJson(res, 200, { url });
});

server.listen(port, () => {
  console.log(`absolute-url listening on port ${port}`);
});
