import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = http.createServer((req: http.IncomingMessage, res: http.ServerResponse) => {
  // TODO: answer 405 text/plain "Method Not Allowed" unless the method is POST or PUT.
  // TODO: collect the body chunks (Buffers) until the stream ends, then JSON.parse them.
  // TODO: 200 application/json { received } on success, 400 text/plain "Invalid JSON body" otherwise.
  // TODO: a client that disconnects mid-upload must not crash the server.
  res.writeHead(501, { 'Content-Type': 'text/plain' });
  res.end(`TODO: read the ${req.method} body\n`);
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
