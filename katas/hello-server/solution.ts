import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const GREETING = 'Hello from raw Node!\n';
const port = Number(process.env.PORT) || 3000;

function greet(_req: IncomingMessage, res: ServerResponse): void {
  // Status and headers go out together, then end() sends the body and closes the reply.
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(GREETING);
}

const server = createServer(greet);

server.listen(port, () => {
  console.log(`hello-server listening on port ${port}`);
});
