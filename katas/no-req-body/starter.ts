import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = http.createServer((req, res) => {
  // This is how it looks with Express — but raw Node has no req.body.
  const body = (req as unknown as { body?: { name?: string; email?: string } }).body;

  // TODO: read the body from the request stream instead.
  // TODO: parse it by its Content-Type: JSON, or a urlencoded form; 415 for anything else.
  // TODO: 201 { name, email }, 400 when one is missing, 404 for other routes.
  res.writeHead(501, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: 'not implemented', bodyWas: String(body) }));
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
