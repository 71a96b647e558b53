import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

/** Waits `ms` milliseconds. TODO: this blocks the whole process — replace it with a timer. */
function pause(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spinning
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/fast') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
    return;
  }
  if (url.pathname === '/slow') {
    // TODO: validate ms (a whole number from 0 to 5000, else 400).
    const ms = Number(url.searchParams.get('ms'));
    pause(ms);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ waited: ms }));
    return;
  }
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
