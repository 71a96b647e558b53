// @fails: long-url
// @why: it handles bad escapes and '//' targets but has no length limit, so a target of thousands of characters is echoed with 200 instead of 414.
const http = require('node:http') as typeof import('node:http');

const server = http.createServer((req, res) => {
  const send = (status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(text);
  };
  const target = req.url ?? '/';
  if (target.startsWith('//')) return send(400, 'Bad Request');
  const path = target.split('?')[0]!;
  if (req.method !== 'GET' || !path.startsWith('/echo/')) return send(404, 'Not Found');
  try {
    send(200, decodeURIComponent(path.slice('/echo/'.length)));
  } catch {
    send(400, 'Bad Request');
  }
});

server.listen(Number(process.env.PORT) || 3000);
