// @fails: form-decoding
// @why: it splits the form by hand and decodes each value with decodeURIComponent, which leaves '+' as a plus instead of the space a form means by it.
const http = require('node:http') as typeof import('node:http');

function parseForm(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const [key = '', value = ''] = pair.split('=');
    fields[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return fields;
}

const server = http.createServer((req, res) => {
  const send = (status: number, payload: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(payload));
  };
  if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/signup') return send(404, { error: 'not found' });
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') return send(415, { error: 'unsupported content type' });

  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('error', () => res.destroy());
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let fields: Record<string, unknown>;
    if (type === 'application/json') {
      try {
        fields = JSON.parse(text);
      } catch {
        return send(400, { error: 'invalid JSON' });
      }
    } else {
      fields = parseForm(text);
    }
    const { name, email } = fields ?? {};
    if (typeof name !== 'string' || !name || typeof email !== 'string' || !email) return send(400, { error: 'name and email are required' });
    send(201, { name, email });
  });
});

server.listen(Number(process.env.PORT) || 3000);
