// @fails: stalled-headers-408
// @fails: stalled-body-408
// @why: server.setTimeout() is an idle-socket timeout: after 2 s without traffic Node destroys the socket silently, so a stalled client sees its connection drop without ever getting a 408.
const http = require('node:http') as typeof import('node:http');

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('error', () => undefined);
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ bytes: Buffer.concat(chunks).length }));
  });
});

server.setTimeout(2000);
server.listen(process.env.PORT || 3000);
