// @fails: list-ok
// @fails: list-lines
// @fails: item-count
// @fails: streamed
// @fails: cache-control
// @fails: request-id
// @fails: items-decoded
// @why: it counts the lines while writing them and sets X-Item-Count afterwards, but the first res.write() already sent the headers, so setHeader throws ERR_HTTP_HEADERS_SENT and the uncaught exception ends the process on the first list.
const http = require('node:http') as typeof import('node:http');

http
  .createServer((req, res) => {
    res.setHeader('cache-control', 'no-cache');
    const requestId = req.headers['x-request-id'];
    if (typeof requestId === 'string') res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || url.pathname !== '/list') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    let count = 0;
    for (const item of url.searchParams.getAll('item')) {
      count++;
      res.write(`${count}. ${item}\n`);
    }
    res.setHeader('x-item-count', count);
    res.end();
  })
  .listen(Number(process.env.PORT) || 3000);
