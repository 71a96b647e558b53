// @fails: abort-counter
// @why: the in-progress count goes down in the 'end' handler, which never runs for an aborted body, so every cut-off upload leaks one count for good.
import http from 'node:http';

const files = new Map<string, Buffer>();
let uploading = 0;

function json(res: http.ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const name = /^\/files\/([A-Za-z0-9_-]+)$/.exec(pathname)?.[1];
  if (req.method === 'PUT' && name) {
    uploading++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', (err) => console.warn('upload failed', err.message));
    req.on('end', () => {
      uploading--;
      const data = Buffer.concat(chunks);
      files.set(name, data);
      json(res, 201, { name, size: data.length });
    });
    return;
  }
  if (req.method === 'GET' && name) {
    const data = files.get(name);
    if (!data) return json(res, 404, { error: 'not found' });
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    return res.end(data);
  }
  if (req.method === 'GET' && pathname === '/stats') return json(res, 200, { files: files.size, uploading });
  json(res, 404, { error: 'not found' });
});

server.listen(Number(process.env.PORT) || 3000);
