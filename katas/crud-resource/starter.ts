import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Task {
  id: number;
  title: string;
  done: boolean;
}

const port = Number(process.env.PORT) || 3000;
const tasks = new Map<number, Task>();

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const segments = pathname.split('/').filter(Boolean);
  if (segments[0] === 'tasks' && segments.length === 1 && req.method === 'GET') {
    return sendJson(res, 200, [...tasks.values()]);
  }
  // TODO: POST /tasks → validate, store, 201 with a Location header.
  // TODO: GET, PUT (replace), PATCH (merge) and DELETE (204) on /tasks/<id>; 404 for unknown ids.
  // TODO: 400 { error, field } for a bad field; 405 with Allow for an unsupported method.
  sendJson(res, 501, { error: `${req.method} ${pathname} is not implemented yet` });
}

const server = http.createServer((req, res) => {
  route(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
  });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
