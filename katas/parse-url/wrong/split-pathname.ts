// @fails: pathname-parsed
// @why: it cuts the pathname off req.url at the "?" instead of asking URL for it, so ./ and ../ segments reach the handler unresolved.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const [pathname = '/', search = ''] = (req.url ?? '/').split('?');
  const params = new URLSearchParams(search);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      pathname,
      query: params.get('q'),
      limit: params.get('limit'),
      tags: params.getAll('tag'),
      allParams: Object.fromEntries(params),
    }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
