// @fails: put-replaces
// @fails: update-validation
// @why: it merges a PUT's body into the stored task like a PATCH, so fields the body leaves out keep their old values instead of going back to their defaults.
const http = require('node:http') as typeof import('node:http');
const { randomUUID } = require('node:crypto') as typeof import('node:crypto');
type Req = import('node:http').IncomingMessage;
type Res = import('node:http').ServerResponse;
type Task = { id: string; title: string; done: boolean };

const store: Record<string, Task> = {};

function reply(res: Res, code: number, obj: unknown, extra?: Record<string, string>) {
  const headers = Object.assign({ 'content-type': 'application/json' }, extra || {});
  res.writeHead(code, headers);
  res.end(JSON.stringify(obj));
}

function body(req: Req): Promise<any> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      try {
        const v = JSON.parse(text);
        resolve(v && typeof v === 'object' && !Array.isArray(v) ? v : null);
      } catch (e) {
        resolve(null);
      }
    });
  });
}

function check(b: any, needTitle: boolean): string | null {
  if ('title' in b || needTitle) {
    if (typeof b.title !== 'string' || !b.title.trim()) return 'title';
  }
  if ('done' in b && typeof b.done !== 'boolean') return 'done';
  return null;
}

http.createServer(async (req, res) => {
  const parts = (req.url ?? '/').split('?')[0].split('/');
  if (parts[1] !== 'tasks' || parts.length > 3) return reply(res, 404, { error: 'not found' });
  if (parts.length === 2) {
    if (req.method === 'GET') return reply(res, 200, Object.values(store));
    if (req.method === 'POST') {
      const b = await body(req);
      if (!b) return reply(res, 400, { error: 'bad json' });
      const bad = check(b, true);
      if (bad) return reply(res, 400, { error: 'invalid ' + bad, field: bad });
      const t: Task = { id: randomUUID(), title: b.title, done: b.done === true };
      store[t.id] = t;
      return reply(res, 201, t, { location: 'http://' + req.headers.host + '/tasks/' + t.id });
    }
    return reply(res, 405, { error: 'nope' }, { allow: 'POST,GET' });
  }
  const id = parts[2];
  if (!['GET', 'PUT', 'PATCH', 'DELETE'].includes(req.method ?? '')) return reply(res, 405, { error: 'nope' }, { allow: 'GET,PATCH,PUT,DELETE' });
  const t = Object.prototype.hasOwnProperty.call(store, id) ? store[id] : undefined;
  if (!t) return reply(res, 404, { error: 'no such task' });
  if (req.method === 'GET') return reply(res, 200, t);
  if (req.method === 'DELETE') { delete store[id]; res.statusCode = 204; return res.end(); }
  const b = await body(req);
  if (!b) return reply(res, 400, { error: 'bad json' });
  const bad = check(b, false);
  if (bad) return reply(res, 400, { error: 'invalid ' + bad, field: bad });
  store[id] = Object.assign({}, t, 'title' in b ? { title: b.title } : {}, 'done' in b ? { done: b.done } : {});
  reply(res, 200, store[id]);
}).listen(process.env.PORT || 3000);
