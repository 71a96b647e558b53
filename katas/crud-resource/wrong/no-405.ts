// @fails: method-not-allowed-405
// @why: it answers 404 for a method a known path does not support, where the contract asks for 405 and an Allow header listing the methods the path does support.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Task {
  id: number;
  title: string;
  done: boolean;
}

/** A client error: answered as 400 with the field it concerns, when there is one. */
class BadRequest extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const port = Number(process.env.PORT) || 3000;
const tasks = new Map<number, Task>();
let nextId = 1;

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('the body must be valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** The fields a body sets, checked by type. `partial` (PATCH) makes title optional. */
function taskFields(body: Record<string, unknown>, partial: boolean): Partial<Omit<Task, 'id'>> {
  const fields: Partial<Omit<Task, 'id'>> = {};
  if (body.title !== undefined || !partial) {
    if (typeof body.title !== 'string' || body.title.trim() === '') throw new BadRequest('title must be a non-empty string', 'title');
    fields.title = body.title;
  }
  if (body.done !== undefined) {
    if (typeof body.done !== 'boolean') throw new BadRequest('done must be true or false', 'done');
    fields.done = body.done;
  }
  return fields;
}

async function collection(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET') return sendJson(res, 200, [...tasks.values()]);
  if (req.method !== 'POST') return sendJson(res, 404, { error: `no route for ${req.method} /tasks` });
  const fields = taskFields(await readObject(req), false);
  const task: Task = { id: nextId++, title: fields.title!, done: fields.done ?? false };
  tasks.set(task.id, task);
  sendJson(res, 201, task, { Location: `/tasks/${task.id}` });
}

async function member(req: IncomingMessage, res: ServerResponse, idText: string): Promise<void> {
  if (!['GET', 'PUT', 'PATCH', 'DELETE'].includes(req.method ?? '')) {
    return sendJson(res, 404, { error: `no route for ${req.method} on a task` });
  }
  // Only the digits a counter produces name a task; "007" or "1e3" do not.
  const task = /^[1-9][0-9]*$/.test(idText) ? tasks.get(Number(idText)) : undefined;
  if (!task) return sendJson(res, 404, { error: `no task with id ${idText}` });
  switch (req.method) {
    case 'GET':
      return sendJson(res, 200, task);
    case 'DELETE':
      tasks.delete(task.id);
      res.writeHead(204);
      res.end();
      return;
    case 'PUT': {
      // A replacement: what the body leaves out goes back to its default.
      const fields = taskFields(await readObject(req), false);
      const replaced: Task = { id: task.id, title: fields.title!, done: fields.done ?? false };
      tasks.set(task.id, replaced);
      return sendJson(res, 200, replaced);
    }
    default: {
      const updated: Task = { ...task, ...taskFields(await readObject(req), true) };
      tasks.set(task.id, updated);
      return sendJson(res, 200, updated);
    }
  }
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const segments = pathname.split('/').filter(Boolean);
  if (segments[0] === 'tasks' && segments.length === 1) return collection(req, res);
  if (segments[0] === 'tasks' && segments.length === 2) return member(req, res, segments[1]!);
  sendJson(res, 404, { error: `nothing at ${pathname}` });
}

const server = http.createServer((req, res) => {
  route(req, res).catch((err: unknown) => {
    if (err instanceof BadRequest) {
      sendJson(res, 400, err.field ? { error: err.message, field: err.field } : { error: err.message });
    } else if (!res.headersSent) {
      console.error('handler failed', err);
      sendJson(res, 500, { error: 'internal error' });
    } else {
      res.destroy();
    }
  });
});

server.listen(port, () => {
  console.log(`tasks API listening on port ${port}`);
});
