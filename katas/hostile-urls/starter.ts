import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');

  if (req.method === 'GET' && url.pathname.startsWith('/echo/')) {
    // Works for friendly URLs. What does a hostile one do here?
    const text = decodeURIComponent(url.pathname.slice('/echo/'.length));
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(text);
    return;
  }

  // TODO: 414 for targets over 2048 characters, 400 for '//' targets and bad escapes.
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found');
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
