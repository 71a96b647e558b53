// @fails: graceful-sigterm
// @why: it closes the server on SIGTERM and waits for the requests in flight, but a setInterval that resets its request counter still holds the event loop, so the process never exits.
const http = require('node:http') as typeof import('node:http');

let served = 0;
// Requests per minute, for the logs.
setInterval(() => {
  if (served > 0) console.log(`${served} requests in the last minute`);
  served = 0;
}, 60_000);

const server = http.createServer((req, res) => {
  served++;
  const url = new URL(req.url || '/', 'http://localhost');
  const reply = (status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/health') return reply(200, { status: 'ok' });
  if (url.pathname !== '/work') return reply(404, { error: 'not found' });
  const raw = url.searchParams.get('ms');
  const ms = raw === null || raw === '' ? NaN : Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > 5000) return reply(400, { error: 'ms must be 0-5000' });
  setTimeout(() => reply(200, { done: ms }), ms);
});

process.on('SIGTERM', () => {
  console.log('SIGTERM: draining');
  server.close(() => console.log('server closed'));
});

server.listen(process.env.PORT || 3000);
