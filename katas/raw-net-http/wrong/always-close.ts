// @fails: keep-alive-pipelined
// @fails: keep-alive-idle
// @why: it ends the socket after every response, so an HTTP/1.1 client that pipelines requests or reuses the connection gets only its first answer.
const net = require('node:net') as typeof import('node:net');

function reply(status: string, obj: unknown, close: boolean): string {
  const text = JSON.stringify(obj);
  // latin1 on the socket: one char per byte, so the UTF-8 body is encoded by hand here.
  const bytes = Buffer.from(text, 'utf8').toString('latin1');
  return 'HTTP/1.1 ' + status + '\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ' + bytes.length + '\r\n' + (close ? 'connection: close\r\n' : '') + '\r\n' + bytes;
}

net
  .createServer((sock) => {
    sock.setEncoding('latin1');
    let pending = '';
    let done = false;
    const bad = () => {
      done = true;
      sock.end(reply('400 Bad Request', { error: 'bad request' }, true), 'latin1');
    };
    sock.on('data', (data: string) => {
      pending += data;
      for (;;) {
        if (done) return;
        const i = pending.indexOf('\r\n\r\n');
        if (i < 0) return;
        const lines = pending.slice(0, i).split('\r\n');
        const first = lines.shift()!.split(' ');
        if (first.length !== 3 || !/^[A-Z]+$/.test(first[0]!) || !first[1] || !/^HTTP\/1\.[01]$/.test(first[2]!)) return bad();
        const headers: Record<string, string> = {};
        for (const l of lines) {
          const m = /^([^:\s]+)\s*:(.*)$/.exec(l);
          if (!m) return bad();
          headers[m[1]!.toLowerCase()] = m[2]!.trim();
        }
        const len = parseInt(headers['content-length'] || '0', 10);
        if (isNaN(len)) return bad();
        if (pending.length < i + 4 + len) return;
        const body = Buffer.from(pending.slice(i + 4, i + 4 + len), 'latin1').toString('utf8');
        pending = pending.slice(i + 4 + len);
        // One request per connection: simple, but not what HTTP/1.1 clients expect.
        const close = true;
        sock.write(reply('200 OK', { method: first[0], target: first[1], headers, body }, close), 'latin1');
        if (close) {
          done = true;
          sock.end();
        }
      }
    });
    sock.on('error', () => {});
  })
  .listen(3000);
