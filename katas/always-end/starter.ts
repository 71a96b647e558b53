import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');

  if (req.method === 'GET' && url.pathname === '/hello') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`Hello, ${url.searchParams.get('name')}!`);
    return;
  }

  // TODO: GET /hello without a name → 400 "Missing name".
  // TODO: DELETE /session → 204, no body.
  // TODO: POST /echo → 200 with the request body.
  // TODO: anything else → 404 "Not Found".
  // Whatever you do: every branch must end its response.
  res.writeHead(501, { 'Content-Type': 'text/plain' });
  res.end('Not implemented yet');
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
