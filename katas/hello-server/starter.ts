import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  // TODO: answer every request (any method, any path) with status 200,
  //       a text/plain Content-Type and the body "Hello from raw Node!\n".
  void req;
  res.statusCode = 501;
  res.end('Not implemented yet\n');
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
