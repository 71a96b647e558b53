// @fails: chunked-body
// @why: it appends each chunk to a string (body += chunk), which decodes every Buffer on its own, so a character cut across two chunks turns into replacement characters.
import http from 'node:http';

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/signup') return sendJson(res, 404, { error: 'not found' });
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') return sendJson(res, 415, { error: 'unsupported content type' });
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk;
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    let fields: Record<string, unknown>;
    if (type === 'application/json') {
      try {
        fields = JSON.parse(body) ?? {};
      } catch {
        return sendJson(res, 400, { error: 'invalid JSON' });
      }
    } else {
      fields = Object.fromEntries(new URLSearchParams(body));
    }
    const { name, email } = fields;
    if (typeof name !== 'string' || name === '' || typeof email !== 'string' || email === '') {
      return sendJson(res, 400, { error: 'name and email are required' });
    }
    sendJson(res, 201, { name, email });
  });
});

server.listen(Number(process.env.PORT) || 3000);
