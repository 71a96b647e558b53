import crypto from 'node:crypto';
import http from 'node:http';

const SECRET = 'whsec_katabox_practice';
const port = Number(process.env.PORT) || 3000;

const server = http.createServer((req, res) => {
  // TODO: read the raw body (Buffers), compute crypto.createHmac('sha256', SECRET) over it,
  //       and compare it with the X-Katabox-Signature header (sha256=<hex>) using
  //       crypto.timingSafeEqual — after checking the lengths match.
  // TODO: 401 { error: 'invalid signature' } when it does not match; 400 when the body is not JSON;
  //       200 { received: true, type } otherwise.
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ received: true }));
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
