import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

// TODO: a request whose head and body have not fully arrived within 2 s gets 408 and a closed
//       connection. Look at the options of http.createServer: headersTimeout, requestTimeout,
//       and how often Node checks them.
const server = http.createServer(async (req, res) => {
  // TODO: a request cut off by a timeout makes this loop throw: catch it.
  let bytes = 0;
  for await (const chunk of req) bytes += (chunk as Buffer).length;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ bytes }));
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
