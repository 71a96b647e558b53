// @fails: ten-concurrent
// @fails: fast-while-slow
// @fails: finish-in-order-of-delay
// @why: it waits by spinning in a while loop until the time has passed, which blocks Node's only JavaScript thread, so every other request waits until the loop ends.
const http = require('node:http') as typeof import('node:http');

function sleep(ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // wait
  }
}

http
  .createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://x');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/fast') return res.end(JSON.stringify({ ok: true }));
    if (url.pathname !== '/slow') {
      res.statusCode = 404;
      return res.end(JSON.stringify({ error: 'not found' }));
    }
    const raw = url.searchParams.get('ms');
    const ms = raw !== null && /^[0-9]+$/.test(raw) ? parseInt(raw, 10) : NaN;
    if (!(ms >= 0 && ms <= 5000)) {
      res.statusCode = 400;
      return res.end(JSON.stringify({ error: 'bad ms' }));
    }
    sleep(ms);
    res.end(JSON.stringify({ waited: ms }));
  })
  .listen(process.env.PORT || 3000);
