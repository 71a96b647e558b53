// @fails: content-type
// @fails: any-path
// @fails: any-method
// @why: res.end() alone sends the right status and body but no Content-Type header, so clients have to guess what the bytes are.
import { createServer } from 'node:http';

const server = createServer((_req, res) => {
  res.end('Hello from raw Node!\n');
});

server.listen(Number(process.env.PORT) || 3000);
