import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  // TODO: parse req.url with new URL(...) and a base.
  // TODO: reply 200 application/json with { pathname, query, limit, tags, allParams }.
  res.writeHead(501, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ todo: `parse ${req.url}` }));
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
