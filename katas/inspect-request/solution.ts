import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

interface RequestEcho {
  method: string | undefined;
  url: string | undefined;
  httpVersion: string;
  remoteAddress: string | undefined;
  headers: IncomingHttpHeaders;
}

const port = Number(process.env.PORT) || 3000;

function describe(req: IncomingMessage): RequestEcho {
  // Everything here was parsed by Node before the listener ran: no stream to read.
  return {
    method: req.method,
    url: req.url, // raw request target: path + query, no host, nothing decoded
    httpVersion: req.httpVersion, // '1.0', '1.1': from the request line
    remoteAddress: req.socket.remoteAddress, // who connected; headers like X-Forwarded-For are only claims
    headers: req.headers, // names already lower-cased, repeated ones joined
  };
}

const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
  const payload = JSON.stringify(describe(req));
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
});

server.listen(port, () => {
  console.log(`inspect-request listening on port ${port}`);
});
