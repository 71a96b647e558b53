// @fails: abort-keeps-previous
// @why: it deletes the earlier file as soon as a replacement upload starts, so when that upload is cut off the name is left with no file at all.
const http = require('node:http') as typeof import('node:http');

const files = new Map<string, Buffer>();
let uploading = 0;

const server = http.createServer(async (req, res) => {
  const send = (status: number, payload: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(payload));
  };
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const name = /^\/files\/([A-Za-z0-9_-]+)$/.exec(pathname)?.[1];
  if (req.method === 'PUT' && name) {
    files.delete(name); // "make room for the new version"
    uploading++;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const data = Buffer.concat(chunks);
      files.set(name, data);
      send(201, { name, size: data.length });
    } catch {
      res.destroy();
    } finally {
      uploading--;
    }
    return;
  }
  if (req.method === 'GET' && name) {
    const data = files.get(name);
    if (!data) return send(404, { error: 'not found' });
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    return res.end(data);
  }
  if (req.method === 'GET' && pathname === '/stats') return send(200, { files: files.size, uploading });
  send(404, { error: 'not found' });
});

server.listen(Number(process.env.PORT) || 3000);
