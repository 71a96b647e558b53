// @fails: count-multibyte
// @why: after req.setEncoding('utf8') every chunk is a string, so chunk.length counts UTF-16 code units: é counts 1 instead of 2 bytes and 🚀 2 instead of 4.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const stats = { completed: 0, aborted: 0, bytes: 0 };

function readText(req: IncomingMessage, done: (text: string, size: number) => void): void {
  req.setEncoding('utf8');
  let text = '';
  let size = 0;
  req.on('data', (chunk: string) => {
    text += chunk;
    size += chunk.length;
  });
  req.on('end', () => {
    stats.completed++;
    stats.bytes += size;
    done(text, size);
  });
  req.on('error', () => stats.aborted++);
}

function send(res: ServerResponse, type: string, text: string, status = 200): void {
  res.writeHead(status, { 'content-type': type });
  res.end(text);
}

createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'POST' && path === '/count') {
    readText(req, (text, size) => send(res, 'application/json', JSON.stringify({ bytes: size, lines: text.split('\n').length - 1 })));
  } else if (req.method === 'POST' && path === '/upper') {
    readText(req, (text) => send(res, 'text/plain; charset=utf-8', text.toUpperCase()));
  } else if (req.method === 'GET' && path === '/stats') {
    send(res, 'application/json', JSON.stringify(stats));
  } else {
    send(res, 'text/plain', 'Not Found', 404);
  }
}).listen(Number(process.env.PORT) || 3000);
