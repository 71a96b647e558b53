import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = http.createServer((req, res) => {
  // TODO: the scheme from X-Forwarded-Proto (first value, http or https only; http otherwise).
  // TODO: validate the Host header: 400 { "error": "invalid Host header" } when it is missing or bad.
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ url: req.url }));
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
