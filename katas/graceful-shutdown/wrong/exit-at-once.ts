// @fails: graceful-sigterm
// @why: its SIGTERM handler calls process.exit() straight away, which is no better than Node's default: the requests in flight are cut off mid-way.
import http from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  res.setHeader('Content-Type', 'application/json');
  if (url.pathname === '/health') return void res.end(JSON.stringify({ status: 'ok' }));
  if (url.pathname === '/work') {
    const ms = Number(url.searchParams.get('ms') ?? '');
    if (!/^\d+$/.test(url.searchParams.get('ms') ?? '') || ms > 5000) {
      res.statusCode = 400;
      return void res.end(JSON.stringify({ error: 'bad ms' }));
    }
    await wait(ms);
    return void res.end(JSON.stringify({ done: ms }));
  }
  res.statusCode = 404;
  res.end(JSON.stringify({ error: 'not found' }));
});

process.on('SIGTERM', () => {
  console.log('SIGTERM, bye');
  process.exit(0);
});

server.listen(Number(process.env.PORT) || 3000);
