// @fails: any-method
// @why: out of habit it answers OPTIONS as a CORS preflight (204, no body), but this server must greet every method the same way.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
    });
    res.end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\n');
});

server.listen(Number(process.env.PORT) || 3000);
