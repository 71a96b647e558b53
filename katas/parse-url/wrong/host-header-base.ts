// @fails: strange-host
// @why: it builds the URL base from the client's Host header, so an empty or malformed Host makes new URL() throw inside the listener and the process dies.
const http = require('node:http') as typeof import('node:http');

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      pathname: url.pathname,
      query: url.searchParams.get('q'),
      limit: url.searchParams.get('limit'),
      tags: url.searchParams.getAll('tag'),
      allParams: Object.fromEntries(url.searchParams),
    }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
