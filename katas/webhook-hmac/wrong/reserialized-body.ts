// @fails: raw-bytes-signed
// @fails: verify-before-parse
// @why: it parses the body first and computes the HMAC over JSON.stringify of the parsed value, which differs from the signed bytes whenever the sender's spacing or escapes differ — and a badly signed non-JSON body gets 400 instead of 401.
import crypto from 'node:crypto';
import http from 'node:http';

const SECRET = 'whsec_katabox_practice';

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

const server = http.createServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== '/webhook') return sendJson(res, 404, { error: 'not found' });
  let text = '';
  for await (const chunk of req) text += chunk;
  let event: { type?: unknown };
  try {
    event = JSON.parse(text);
  } catch {
    return sendJson(res, 400, { error: 'the body is not valid JSON' });
  }
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', SECRET).update(JSON.stringify(event)).digest('hex'));
  const given = Buffer.from(String(req.headers['x-katabox-signature'] ?? ''));
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return sendJson(res, 401, { error: 'invalid signature' });
  }
  sendJson(res, 200, { received: true, type: event.type });
});

server.listen(Number(process.env.PORT) || 3000);
