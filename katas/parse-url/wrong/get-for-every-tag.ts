// @fails: tags-get-all
// @why: it reads the repeated key with get(), which returns only the first value, and wraps that in an array; getAll('tag') returns them all.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
  const tag = searchParams.get('tag');
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      pathname,
      query: searchParams.get('q'),
      limit: searchParams.get('limit'),
      tags: tag === null ? [] : [tag],
      allParams: Object.fromEntries(searchParams),
    }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
