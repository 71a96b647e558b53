// @fails: declared-too-large
// @fails: counts-while-reading
// @why: it reads the whole body into memory and only then compares its size with the limit, so a large upload is stored in full and a body that never ends never gets its 413.
import http from 'node:http';

const LIMIT = 8192;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

http
  .createServer(async (req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/echo') return send(res, 404, { error: 'Not Found' });
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return send(res, 415, { error: 'Unsupported Media Type' });
    let raw: Buffer;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      raw = Buffer.concat(chunks);
    } catch {
      return; // client went away
    }
    if (raw.length > LIMIT) return send(res, 413, { error: 'Payload Too Large' });
    try {
      send(res, 200, { received: JSON.parse(raw.toString('utf8')) });
    } catch {
      send(res, 400, { error: 'Invalid JSON' });
    }
  })
  .listen(Number(process.env.PORT) || 3000);
