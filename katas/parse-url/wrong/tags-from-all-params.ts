// @fails: tags-get-all
// @why: it takes tags from the object built with Object.fromEntries, where a repeated key has already been squashed down to its last value.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const allParams = Object.fromEntries(url.searchParams);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      pathname: url.pathname,
      query: url.searchParams.get('q'),
      limit: url.searchParams.get('limit'),
      tags: allParams.tag === undefined ? [] : [allParams.tag],
      allParams,
    }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
