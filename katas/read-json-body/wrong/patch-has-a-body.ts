// @fails: method-405
// @why: it reads a body for PATCH as well, because PATCH requests carry one, but this server's contract takes POST and PUT only and answers 405 to the rest.
import http from 'node:http';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

const server = http.createServer(async (req, res) => {
  if (!WITH_BODY.has(req.method ?? '')) {
    res.writeHead(405, { 'Content-Type': 'text/plain', Allow: 'POST, PUT, PATCH' });
    res.end('Method Not Allowed');
    return;
  }
  let text: string;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  } catch {
    return; // the client went away
  }
  try {
    const received: unknown = JSON.parse(text);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ received }));
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    res.end('Invalid JSON body');
  }
});

server.listen(Number(process.env.PORT) || 3000);
