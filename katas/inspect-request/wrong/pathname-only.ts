// @fails: query-string
// @fails: url-as-sent
// @why: it reports the parsed pathname instead of req.url, so the query string is lost and ./ ../ segments are resolved away.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const { pathname } = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({ method: req.method, url: pathname, httpVersion: req.httpVersion, remoteAddress: req.socket.remoteAddress, headers: req.headers }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
