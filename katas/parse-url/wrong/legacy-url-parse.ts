// @fails: repeated-keys
// @why: the deprecated url.parse(url, true) turns a repeated key into an array, so q and allParams stop being plain strings as soon as a key repeats.
import http from 'node:http';
import { parse } from 'node:url';

const server = http.createServer((req, res) => {
  const { pathname, query } = parse(req.url ?? '/', true);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      pathname,
      query: query.q ?? null,
      limit: query.limit ?? null,
      allParams: query,
    }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
