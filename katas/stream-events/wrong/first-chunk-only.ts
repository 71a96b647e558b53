// @fails: count-chunks
// @fails: upper-echo
// @fails: count-large
// @fails: count-multibyte
// @fails: upper-split-character
// @fails: upper-large
// @fails: aborted-upload
// @fails: empty-body
// @why: it answers on the first 'data' event as if it held the whole body, so anything sent in pieces or larger than one socket read is cut short, an empty body (no 'data' at all) is never answered, and an abandoned upload counts as completed.
import http from 'node:http';

const stats = { completed: 0, aborted: 0, bytes: 0 };

function reply(res: http.ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const route = `${req.method} ${new URL(req.url ?? '/', 'http://localhost').pathname}`;
  if (route === 'GET /stats') return reply(res, 200, 'application/json', JSON.stringify(stats));
  if (route !== 'POST /count' && route !== 'POST /upper') return reply(res, 404, 'text/plain', 'Not Found');
  // "Small bodies come in one go."
  req.once('data', (chunk: Buffer) => {
    stats.completed++;
    stats.bytes += chunk.length;
    if (route === 'POST /count') {
      const lines = chunk.toString('latin1').split('\n').length - 1;
      reply(res, 200, 'application/json', JSON.stringify({ bytes: chunk.length, lines }));
    } else {
      reply(res, 200, 'text/plain; charset=utf-8', chunk.toString('utf8').toUpperCase());
    }
  });
});

server.listen(Number(process.env.PORT) || 3000);
