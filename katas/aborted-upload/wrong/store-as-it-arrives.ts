// @fails: abort-stores-nothing
// @fails: abort-keeps-previous
// @why: it writes each chunk into the store as it arrives (like piping an upload straight into its final file), so a cut-off upload leaves a truncated file that looks complete.
import { createServer, ServerResponse } from 'node:http';

const files = new Map<string, Buffer>();
let uploading = 0;

function json(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const name = /^\/files\/([A-Za-z0-9_-]+)$/.exec(pathname)?.[1];
  if (req.method === 'PUT' && name) {
    uploading++;
    files.set(name, Buffer.alloc(0));
    req.on('data', (chunk: Buffer) => files.set(name, Buffer.concat([files.get(name)!, chunk])));
    req.on('close', () => uploading--);
    req.on('end', () => json(res, 201, { name, size: files.get(name)!.length }));
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
