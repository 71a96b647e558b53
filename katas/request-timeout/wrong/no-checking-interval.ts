// @fails: stalled-headers-408
// @fails: stalled-body-408
// @why: it sets headersTimeout and requestTimeout but leaves connectionsCheckingInterval at its 30 s default, so Node notices an expired request long after the 2 s limit.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;
/** The whole request — head and body — must arrive within this time. */
const REQUEST_LIMIT_MS = 2000;

const server = http.createServer(
  {
    // Node answers 408 and closes the connection when a request's head (headersTimeout) or the
    // whole request (requestTimeout) takes longer than this.
    headersTimeout: REQUEST_LIMIT_MS,
    requestTimeout: REQUEST_LIMIT_MS,
  },
  (req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A timed-out request lands here too: Node has already answered it with 408 and
      // destroyed the socket, so reading the body fails with "aborted". Nothing is left to do.
      console.warn(`request dropped: ${(err as Error).message}`);
      if (!res.headersSent && !res.destroyed) res.destroy();
    });
  },
);

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let bytes = 0;
  for await (const chunk of req) bytes += (chunk as Buffer).length;
  const text = JSON.stringify({ bytes });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

server.listen(port, () => {
  console.log(`listening on port ${port}, requests limited to ${REQUEST_LIMIT_MS} ms`);
});
