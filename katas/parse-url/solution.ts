import { createServer, IncomingMessage, ServerResponse } from 'node:http';

interface UrlReport {
  pathname: string;
  query: string | null;
  limit: string | null;
  tags: string[];
  allParams: Record<string, string>;
}

const port = Number(process.env.PORT) || 3000;

// req.url is relative, so URL needs a base. Only the path and the query matter here, so a
// constant base does the job, and a missing or malformed Host header cannot make it throw.
const BASE = 'http://localhost';

function report(target: string): UrlReport {
  const url = new URL(target, BASE);
  const params = url.searchParams;
  return {
    pathname: url.pathname,
    query: params.get('q'), // first value, or null when absent
    limit: params.get('limit'), // stays a string: converting is the caller's business
    tags: params.getAll('tag'), // every value of a repeated key, in order; [] when absent
    allParams: Object.fromEntries(params), // later duplicates overwrite earlier ones
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  sendJson(res, 200, report(req.url ?? '/'));
});

server.listen(port, () => {
  console.log(`parse-url listening on port ${port}`);
});
