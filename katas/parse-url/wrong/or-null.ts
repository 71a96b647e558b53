// @fails: empty-q
// @why: `get('q') || null` treats the empty string as missing, so ?q= reports null instead of ''.
import http from 'node:http';

const server = http.createServer((req: http.IncomingMessage, res: http.ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const params = url.searchParams;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      pathname: url.pathname,
      query: params.get('q') || null,
      limit: params.get('limit') || null,
      tags: params.getAll('tag'),
      allParams: Object.fromEntries(params),
    }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
