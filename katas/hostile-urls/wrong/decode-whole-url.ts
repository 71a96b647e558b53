// @fails: encoded-reserved
// @why: it decodes the whole req.url before splitting off the query, so an encoded %3F or %23 in the text turns into a real '?' or '#' and the text is cut short.
import http from 'node:http';

function reply(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const target = req.url ?? '/';
  if (target.length > 2048) return reply(res, 414, 'URI Too Long');
  if (target.startsWith('//')) return reply(res, 400, 'Bad Request');
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return reply(res, 400, 'Bad Request');
  }
  const path = decoded.split('?')[0]!.split('#')[0]!;
  if (req.method === 'GET' && path.startsWith('/echo/')) return reply(res, 200, path.slice('/echo/'.length));
  reply(res, 404, 'Not Found');
});

server.listen(Number(process.env.PORT) || 3000);
