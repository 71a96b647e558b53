import http from 'node:http';

const port = Number(process.env.PORT) || 3000;

const files = new Map<string, Buffer>();
let uploading = 0;

const server = http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const name = /^\/files\/([A-Za-z0-9_-]+)$/.exec(pathname)?.[1];

  if (req.method === 'PUT' && name) {
    uploading++;
    const chunks: Buffer[] = [];
    // What happens here when the client hangs up halfway?
    for await (const chunk of req) chunks.push(chunk as Buffer);
    uploading--;
    files.set(name, Buffer.concat(chunks));
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ name, size: files.get(name)!.length }));
    return;
  }

  // TODO: GET /files/<name> (application/octet-stream, or 404 JSON).
  // TODO: GET /stats → { files, uploading }; anything else → 404 JSON.
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
