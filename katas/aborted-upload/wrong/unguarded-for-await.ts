// @fails: abort-survives
// @fails: abort-stores-nothing
// @fails: abort-keeps-previous
// @fails: abort-counter
// @why: the async listener reads the body with for await and no try/catch, so a client that disconnects mid-upload makes the loop throw, the rejection goes unhandled, and the process exits.
import http from 'node:http';

const files = new Map<string, Buffer>();
let uploading = 0;

function json(res: http.ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

const server = http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const name = /^\/files\/([\w-]+)$/.exec(pathname)?.[1];
  if (req.method === 'PUT' && name) {
    uploading++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    uploading--;
    const data = Buffer.concat(chunks);
    files.set(name, data);
    return json(res, 201, { name, size: data.length });
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
