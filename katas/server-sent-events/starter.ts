import http from 'node:http';
import type { ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;
const history: Array<{ id: number; text: string }> = [];

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

const server = http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && pathname === '/events') {
    // TODO: answer text/event-stream, keep the response open, and write every new message
    //       to it as an event (id: and data: lines, then a blank line).
    // TODO: a Last-Event-ID header means "I have seen up to this id": replay what came after it.
    sendJson(res, 200, history);
    return;
  }
  if (req.method === 'POST' && pathname === '/messages') {
    let body = '';
    for await (const chunk of req) body += chunk;
    // TODO: validate { text } (a non-empty string, else 400) and send it to every open stream.
    const message = { id: history.length + 1, text: String(JSON.parse(body).text) };
    history.push(message);
    sendJson(res, 201, { id: message.id });
    return;
  }
  sendJson(res, 404, { error: 'not found' });
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
