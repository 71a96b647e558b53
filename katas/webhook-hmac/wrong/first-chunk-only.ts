// @fails: chunked-body
// @why: it verifies and parses the first 'data' chunk as if it were the whole body, so a delivery that arrives in several pieces never matches its signature.
const http = require('node:http') as typeof import('node:http');
const { createHmac, timingSafeEqual } = require('node:crypto') as typeof import('node:crypto');

const secret = 'whsec_katabox_practice';

function answer(res: import('node:http').ServerResponse, code: number, obj: object) {
  res.statusCode = code;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(obj));
}

function valid(header: unknown, raw: Buffer): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const theirs = Buffer.from(header.slice('sha256='.length), 'utf8');
  const ours = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'), 'utf8');
  if (theirs.length !== ours.length) return false;
  return timingSafeEqual(theirs, ours);
}

http
  .createServer((req, res) => {
    if (req.url !== '/webhook' || req.method !== 'POST') return answer(res, 404, { error: 'no' });
    const parts: Buffer[] = [];
    req.once('data', (b: Buffer) => {
      parts.push(b);
      finish();
    });
    req.on('error', () => res.destroy());
    req.on('end', () => parts.length === 0 && finish());
    const finish = () => {
      const raw = Buffer.concat(parts);
      if (!valid(req.headers['x-katabox-signature'], raw)) return answer(res, 401, { error: 'invalid signature' });
      let event: any;
      try {
        event = JSON.parse(raw.toString());
      } catch (e) {
        return answer(res, 400, { error: String(e) });
      }
      answer(res, 200, { received: true, type: event.type });
    };
  })
  .listen(3000);
