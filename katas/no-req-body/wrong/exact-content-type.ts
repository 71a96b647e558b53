// @fails: content-type-params
// @why: it compares the whole Content-Type header with ===, so "application/json; charset=utf-8" or "Application/JSON" is treated as unsupported and gets 415.
import http from 'node:http';

async function body(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = http.createServer(async (req, res) => {
  const json = (status: number, payload: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  };
  if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/signup') return json(404, { error: 'not found' });
  try {
    const type = req.headers['content-type'];
    let fields: Record<string, unknown>;
    if (type === 'application/json') {
      try {
        fields = JSON.parse(await body(req));
      } catch {
        return json(400, { error: 'invalid JSON' });
      }
    } else if (type === 'application/x-www-form-urlencoded') {
      fields = Object.fromEntries(new URLSearchParams(await body(req)));
    } else {
      return json(415, { error: 'unsupported content type' });
    }
    const { name, email } = fields;
    if (typeof name !== 'string' || !name || typeof email !== 'string' || !email) return json(400, { error: 'name and email are required' });
    json(201, { name, email });
  } catch {
    res.destroy();
  }
});

server.listen(Number(process.env.PORT) || 3000);
