// @fails: repeated-keys
// @fails: pathname-parsed
// @why: the deprecated url.parse(url, true) turns a repeated key into an array, so q and allParams stop being plain strings as soon as a key repeats; nor does it resolve ./ and ../ in the path.
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
      tags: query.tag === undefined ? [] : ([] as string[]).concat(query.tag),
      allParams: query,
    }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
