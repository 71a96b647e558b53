// @fails: wrong-method-405
// @why: the 405 branch was rewritten with the right status but without the Allow header, which a 405 must carry to say which methods would work.
const http = require('node:http') as typeof import('node:http');

function sendText(res: import('node:http').ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(text); // Node computes Content-Length itself, in bytes
}

http
  .createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== '/hello') return sendText(res, 404, 'Not Found\n');
    if (req.method !== 'GET') return sendText(res, 405, 'Method Not Allowed\n');
    sendText(res, 200, `Hello, ${searchParams.get('name') || 'world'}!\n`);
  })
  .listen(Number(process.env.PORT) || 3000);
