import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

// ---------------------------------------------------------------- the framework

interface Request extends IncomingMessage {
  params: Record<string, string>;
  query: URLSearchParams;
  body?: unknown;
}
type Next = (err?: unknown) => void;
type Handler = (req: Request, res: ServerResponse, next: Next) => void | Promise<void>;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

class App {
  private readonly routes = new Map<string, Handler>();

  // TODO: use(handler) for middleware that runs on every request, and a way to add an error handler.
  // TODO: several handlers per route (route-level middleware such as a body parser).
  get(path: string, handler: Handler): this {
    this.routes.set(`GET ${path}`, handler);
    return this;
  }

  post(path: string, handler: Handler): this {
    this.routes.set(`POST ${path}`, handler);
    return this;
  }

  listen(port: number, onListening: () => void): Server {
    return createServer((req, res) => this.handle(req as Request, res)).listen(port, onListening);
  }

  private handle(req: Request, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    req.query = url.searchParams;
    req.params = {};
    // TODO: match patterns with :params, run a chain with next(), route errors to the error handler.
    const handler = this.routes.get(`${req.method} ${url.pathname}`);
    if (handler) void handler(req, res, () => undefined);
    else sendJson(res, 404, { error: 'Not Found' });
  }
}

// ---------------------------------------------------------------- the API

interface Todo {
  id: number;
  title: string;
  done: boolean;
}

const todos = new Map<number, Todo>();

const app = new App();

app.get('/todos', (_req, res) => sendJson(res, 200, [...todos.values()]));

// TODO: X-Request-Id on every response; POST /todos (with a JSON body parser: 415, 413, 400);
// GET /todos/:id; POST /todos/:id/done; ?done=true|false; GET /debug/crash and /debug/crash-async.

app.listen(Number(process.env.PORT) || 3000, () => {
  console.log('listening');
});
