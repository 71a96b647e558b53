// @fails: cors-other-origin
// @fails: preflight-other-origin
// @why: it accepts any Origin that starts with an allowed one, so https://app.example.com.evil.test is let in as if it were https://app.example.com.
const http = require('node:http') as typeof import('node:http');
type Req = import('node:http').IncomingMessage;
type Res = import('node:http').ServerResponse;

const ORIGINS = ['https://app.example.com', 'https://admin.example.com'];
const items = new Map<number, { id: number; name: string }>();
let nextId = 1;

function json(req: Req, res: Res, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(req.method === 'HEAD' ? undefined : text);
}

async function readJson(req: Req): Promise<any> {
  let raw = '';
  try {
    for await (const c of req) raw += c;
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

http.createServer(async (req, res) => {
  const origin = req.headers.origin;
  const ok = !!origin && ORIGINS.some((o) => origin.startsWith(o));
  res.setHeader('vary', 'Origin');
  if (ok) res.setHeader('access-control-allow-origin', origin!);

  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const m = /^\/items(?:\/([^/]+))?$/.exec(path);
  if (!m) return json(req, res, 404, { error: 'Not Found' });
  const id = m[1];
  const methods = id === undefined ? ['GET', 'HEAD', 'POST'] : ['GET', 'HEAD', 'DELETE'];

  if (req.method === 'OPTIONS') {
    if (origin && req.headers['access-control-request-method']) {
      if (!ok) return json(req, res, 403, { error: 'Origin not allowed' });
      res.writeHead(204, { 'access-control-allow-methods': methods.join(','), 'access-control-allow-headers': 'content-type' });
      return res.end();
    }
    res.writeHead(204, { allow: [...methods, 'OPTIONS'].join(', ') });
    return res.end();
  }
  if (!methods.includes(req.method!)) return json(req, res, 405, { error: 'Method Not Allowed' }, { allow: methods.join(', ') });

  if (id === undefined) {
    if (req.method !== 'POST') return json(req, res, 200, [...items.values()]);
    const body = await readJson(req);
    if (typeof body?.name !== 'string' || !body.name.trim()) return json(req, res, 400, { error: 'name is required' });
    const item = { id: nextId++, name: body.name };
    items.set(item.id, item);
    return json(req, res, 201, item);
  }
  const item = /^\d+$/.test(id) ? items.get(+id) : undefined;
  if (!item) return json(req, res, 404, { error: 'Not Found' });
  if (req.method === 'DELETE') {
    items.delete(item.id);
    res.writeHead(204);
    return res.end();
  }
  json(req, res, 200, item);
}).listen(process.env.PORT || 3000);
