import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;
const FILE_PATH = /^\/files\/([A-Za-z0-9_-]+)$/;

const files = new Map<string, Buffer>();
let uploading = 0;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function upload(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  uploading++;
  try {
    // Chunks wait here; the store sees the file only once the body is complete.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const data = Buffer.concat(chunks);
    files.set(name, data);
    sendJson(res, 201, { name, size: data.length });
  } catch (err) {
    // The client went away mid-body: there is nobody to answer, and nothing worth keeping.
    console.warn(`upload of ${name} cut off: ${(err as Error).message}`);
    res.destroy();
  } finally {
    uploading--;
  }
}

function download(res: ServerResponse, name: string): void {
  const data = files.get(name);
  if (!data) return sendJson(res, 404, { error: 'not found' });
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': data.length });
  res.end(data);
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const name = FILE_PATH.exec(pathname)?.[1];
  if (req.method === 'PUT' && name) {
    void upload(req, res, name); // upload() handles its own failures
  } else if (req.method === 'GET' && name) {
    download(res, name);
  } else if (req.method === 'GET' && pathname === '/stats') {
    sendJson(res, 200, { files: files.size, uploading });
  } else {
    sendJson(res, 404, { error: 'not found' });
  }
});

server.listen(port, () => {
  console.log(`aborted-upload listening on port ${port}`);
});
