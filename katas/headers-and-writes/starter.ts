import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  // TODO: stage the headers every response shares (Cache-Control, X-Request-Id) with setHeader.
  // TODO: GET /list?item=...: writeHead with the list's own headers, then one res.write per
  //       line ("1. first\n", "2. second\n", ...), then res.end().
  // TODO: everything else: 404 text/plain "Not Found\n".
  void req;
  res.writeHead(501, { 'Content-Type': 'text/plain' });
  res.end('Not implemented yet\n');
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
