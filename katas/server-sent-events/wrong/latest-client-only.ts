// @fails: fan-out
// @why: it keeps only the most recently opened stream in a variable, so when two clients listen the first one never receives anything.
const http = require('node:http') as typeof import('node:http');
type Res = import('node:http').ServerResponse;

const log: { id: number; text: string }[] = [];
let listener: Res | null = null;

const event = (m: { id: number; text: string }) => `id: ${m.id}\n${m.text.split('\n').map((l) => 'data: ' + l).join('\n')}\n\n`;

function json(res: Res, code: number, v: unknown) {
  res.statusCode = code;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(v));
}

http
  .createServer((req, res) => {
    const path = (req.url || '/').split('?')[0];
    if (req.method === 'GET' && path === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.write(': hello\n\n');
      const last = Number(req.headers['last-event-id']);
      if (Number.isInteger(last)) log.filter((m) => m.id > last).forEach((m) => res.write(event(m)));
      listener = res;
      res.on('close', () => {
        if (listener === res) listener = null;
      });
      return;
    }
    if (req.method === 'POST' && path === '/messages') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        let text: unknown;
        try {
          text = JSON.parse(body).text;
        } catch {
          return json(res, 400, { error: 'bad json' });
        }
        if (typeof text !== 'string' || !text) return json(res, 400, { error: 'text required' });
        const m = { id: log.length + 1, text };
        log.push(m);
        listener?.write(event(m));
        json(res, 201, { id: m.id });
      });
      return;
    }
    json(res, 404, { error: 'not found' });
  })
  .listen(3000);
