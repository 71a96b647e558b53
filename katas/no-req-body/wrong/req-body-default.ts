// @fails: json-body
// @fails: form-body
// @fails: form-decoding
// @fails: chunked-body
// @fails: content-type-params
// @fails: malformed-json
// @why: it reads the fields from req.body as middleware would have left them, but raw Node has no req.body, so every sign-up looks empty and gets 400.
import http from 'node:http';

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'POST' || pathname !== '/signup') return sendJson(res, 404, { error: 'not found' });
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') {
    return sendJson(res, 415, { error: 'unsupported content type' });
  }
  // "Express puts the parsed body here."
  const body = ((req as unknown as { body?: Record<string, unknown> }).body ?? {});
  const { name, email } = body;
  if (typeof name !== 'string' || !name || typeof email !== 'string' || !email) {
    return sendJson(res, 400, { error: 'name and email are required' });
  }
  sendJson(res, 201, { name, email });
});

server.listen(Number(process.env.PORT) || 3000);
