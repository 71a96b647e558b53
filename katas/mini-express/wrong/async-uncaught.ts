// @fails: errors-500
// @why: the engine catches what a handler throws but ignores the promise it returns, so the async handler's rejection is unhandled and Node ends the process.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

// ---------------------------------------------------------------- the framework

interface Request extends IncomingMessage {
  id: string;
  pathname: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body?: unknown;
}
type Response = ServerResponse;
type Next = (err?: unknown) => void;
type Handler = (req: Request, res: Response, next: Next) => void | Promise<void>;
type ErrorHandler = (err: unknown, req: Request, res: Response, next: Next) => void | Promise<void>;

interface Layer {
  method?: string;
  /** Path pattern split into segments; absent for app.use, which sees every request. */
  segments?: string[];
  handler?: Handler;
  errorHandler?: ErrorHandler;
}

class BadRequestPath extends Error {}

function httpError(status: number, message: string): Error & { status: number } {
  return Object.assign(new Error(message), { status });
}

function matchPath(segments: string[], path: string[]): Record<string, string> | undefined {
  if (segments.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    if (segment.startsWith(':')) {
      if (path[i] === '') return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(path[i]!);
      } catch {
        throw new BadRequestPath();
      }
    } else if (segment !== path[i]) {
      return undefined;
    }
  }
  return params;
}

function sendJson(res: Response, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

class App {
  private readonly layers: Layer[] = [];

  use(handler: Handler): this {
    this.layers.push({ handler });
    return this;
  }

  /** Error handlers take the error first; they only run once something has failed. */
  useErrorHandler(errorHandler: ErrorHandler): this {
    this.layers.push({ errorHandler });
    return this;
  }

  get(path: string, ...handlers: Handler[]): this {
    return this.route('GET', path, handlers);
  }

  post(path: string, ...handlers: Handler[]): this {
    return this.route('POST', path, handlers);
  }

  listen(port: number, onListening: () => void): Server {
    return createServer((req, res) => this.handle(req as Request, res)).listen(port, onListening);
  }

  private route(method: string, path: string, handlers: Handler[]): this {
    const segments = path.split('/').slice(1);
    for (const handler of handlers) this.layers.push({ method, segments, handler });
    return this;
  }

  private handle(req: Request, res: Response): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    req.pathname = url.pathname;
    req.query = url.searchParams;
    req.params = {};
    const path = url.pathname.split('/').slice(1);
    let index = 0;

    const next: Next = (err) => {
      while (index < this.layers.length) {
        const layer = this.layers[index++]!;
        // Without an error only ordinary handlers run; with one, only error handlers.
        if (err === undefined ? !layer.handler : !layer.errorHandler) continue;
        if (layer.method !== undefined && layer.method !== req.method) continue;
        try {
          if (layer.segments) {
            const params = matchPath(layer.segments, path);
            if (!params) continue;
            req.params = params;
          }
          if (err === undefined) void layer.handler!(req, res, next);
          else void layer.errorHandler!(err, req, res, next);
        } catch (thrown) {
          next(thrown instanceof BadRequestPath ? httpError(400, 'Bad Request') : thrown);
        }
        return;
      }
      // Nobody answered: the end of the chain is a 404, or a 500 for an error nobody handled.
      if (res.headersSent) res.destroy();
      else if (err === undefined) sendJson(res, 404, { error: 'Not Found' });
      else sendJson(res, 500, { error: 'Internal Server Error' });
    };
    next();
  }
}

/** Reads a JSON body into req.body: 415 for another type, 413 past `limit` bytes, 400 when it does not parse. */
function json(limit: number): Handler {
  return (req, _res, next) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return next(httpError(415, 'Unsupported Media Type'));
    if (Number(req.headers['content-length']) > limit) return next(httpError(413, 'Payload Too Large'));
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd);
      next(httpError(413, 'Payload Too Large'));
    };
    const onEnd = (): void => {
      try {
        req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return next(httpError(400, 'Invalid JSON'));
      }
      next();
    };
    req.on('data', onData).on('end', onEnd).on('error', () => req.off('data', onData).off('end', onEnd));
  };
}

// ---------------------------------------------------------------- the API

interface Todo {
  id: number;
  title: string;
  done: boolean;
}

const todos = new Map<number, Todo>();
let nextId = 1;

/** The todo named by the :id param (a string), or a 404 passed to next. */
function todoOf(req: Request, next: Next): Todo | undefined {
  const id = req.params.id!;
  const todo = /^\d+$/.test(id) ? todos.get(Number(id)) : undefined;
  if (!todo) next(httpError(404, 'Not Found'));
  return todo;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const app = new App();

app.use((req, res, next) => {
  req.id = randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
});

app.get('/todos', (req, res) => {
  const done = req.query.get('done');
  const all = [...todos.values()];
  sendJson(res, 200, done === 'true' || done === 'false' ? all.filter((t) => t.done === (done === 'true')) : all);
});

app.post('/todos', json(4096), (req, res, next) => {
  const title = (req.body as { title?: unknown } | null)?.title;
  if (typeof title !== 'string' || title.trim() === '') return next(httpError(400, 'title is required'));
  const todo: Todo = { id: nextId++, title, done: false };
  todos.set(todo.id, todo);
  sendJson(res, 201, todo);
});

app.get('/todos/:id', (req, res, next) => {
  const todo = todoOf(req, next);
  if (todo) sendJson(res, 200, todo);
});

app.post('/todos/:id/done', (req, res, next) => {
  const todo = todoOf(req, next);
  if (!todo) return;
  todo.done = true;
  sendJson(res, 200, todo);
});

app.get('/debug/crash', () => {
  throw new Error('crash on purpose');
});

app.get('/debug/crash-async', async () => {
  await sleep(10);
  throw new Error('async crash on purpose');
});

app.useErrorHandler((err, req, res) => {
  const status = (err as { status?: unknown } | null)?.status;
  const exposed = typeof status === 'number' && status >= 400 && status < 500;
  if (!exposed) console.error(`request ${req.id} failed:`, err);
  if (res.headersSent) return void res.destroy();
  sendJson(res, exposed ? status : 500, { error: exposed ? (err as Error).message : 'Internal Server Error' });
});

app.listen(Number(process.env.PORT) || 3000, () => {
  console.log('mini-express listening');
});
