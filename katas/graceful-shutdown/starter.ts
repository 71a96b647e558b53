import http from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

const port = Number(process.env.PORT) || 3000;

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  res.setHeader('Content-Type', 'application/json');
  if (url.pathname === '/health') {
    res.end(JSON.stringify({ status: 'ok' }));
    return;
  }
  if (url.pathname === '/work') {
    const ms = url.searchParams.get('ms') ?? '';
    if (!/^\d{1,4}$/.test(ms) || Number(ms) > 5000) {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: 'ms must be a whole number from 0 to 5000' }));
      return;
    }
    await wait(Number(ms));
    res.end(JSON.stringify({ done: Number(ms) }));
    return;
  }
  res.statusCode = 404;
  res.end(JSON.stringify({ error: 'not found' }));
});

// TODO: on SIGTERM (and SIGINT), stop accepting new connections, let the requests in flight
//       finish, then exit. Without a handler, Node dies at once and cuts them off.

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
