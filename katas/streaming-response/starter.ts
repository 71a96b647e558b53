import http from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

const port = Number(process.env.PORT) || 3000;
const ROW_MS = 200;
let active = 0;

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/stats') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ active }));
    return;
  }
  if (url.pathname === '/report') {
    // TODO: validate rows (1 to 50, else 400).
    const rows = Number(url.searchParams.get('rows'));
    // TODO: this collects every row and sends them all at the end. Send each row as soon as it
    //       is ready (res.write), and stop when the client disconnects (res.on('close')).
    active++;
    let body = '';
    for (let row = 1; row <= rows; row++) {
      await wait(ROW_MS);
      body += JSON.stringify({ row, total: rows }) + '\n';
    }
    active--;
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    res.end(body);
    return;
  }
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
