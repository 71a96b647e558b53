// @fails: too-large-413
// @fails: declared-too-large
// @fails: counts-while-reading
// @fails: counts-bytes
// @why: it destroys the request to stop the upload before sending the 413, and destroying the request closes the connection the answer was meant to travel on.
import http from 'node:http';

const LIMIT = 8192;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  req.destroy(); // stop the upload right away
  json(res, 413, { error: 'Payload Too Large' });
}

http
  .createServer((req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/echo') return json(res, 404, { error: 'Not Found' });
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return json(res, 415, { error: 'Unsupported Media Type' });
    if (Number(req.headers['content-length']) > LIMIT) return tooLarge(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMIT) return tooLarge(req, res);
      chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      let value: unknown;
      try {
        value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return json(res, 400, { error: 'Invalid JSON' });
      }
      json(res, 200, { received: value });
    });
  })
  .listen(Number(process.env.PORT) || 3000);
