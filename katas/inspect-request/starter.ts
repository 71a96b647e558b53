import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = http.createServer((req: http.IncomingMessage, res: http.ServerResponse) => {
  // TODO: reply 200 with Content-Type: application/json and a JSON object holding
  //       req.method, req.url (as received), req.httpVersion, the client's address
  //       (req.socket.remoteAddress) and req.headers.
  res.writeHead(501, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ todo: `echo ${req.method} ${req.url}` }));
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
