// @fails: chunked-body
// @why: it parses the first 'data' chunk as if it were the whole body, so a body that arrives in several pieces is cut short and fails to parse.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const send = (status: number, payload: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(payload));
  };
  if (req.method !== 'POST' || req.url !== '/signup') return send(404, { error: 'not found' });
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const isJson = type === 'application/json';
  if (!isJson && type !== 'application/x-www-form-urlencoded') return send(415, { error: 'unsupported content type' });
  // "A sign-up form is tiny: it fits in one chunk."
  req.once('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    let fields: Record<string, unknown>;
    try {
      fields = isJson ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
    } catch {
      return send(400, { error: 'invalid JSON' });
    }
    const { name, email } = fields;
    if (typeof name !== 'string' || !name || typeof email !== 'string' || !email) return send(400, { error: 'name and email are required' });
    send(201, { name, email });
  });
});

server.listen(Number(process.env.PORT) || 3000);
