import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  // TODO: POST /count  — read the body with req.on('data' | 'end' | 'error') and answer
  //                       { "bytes": <bytes>, "lines": <number of \n> } as JSON.
  // TODO: POST /upper  — answer the body uppercased, as text/plain.
  // TODO: GET /stats   — { "completed", "aborted", "bytes" } over every upload so far.
  // TODO: anything else: 404 text/plain "Not Found".
  void req;
  res.writeHead(501, { 'Content-Type': 'text/plain' });
  res.end('Not implemented yet\n');
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
