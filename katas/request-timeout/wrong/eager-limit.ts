// @fails: slow-upload-ok
// @why: it limits a whole request to 500 ms, so a legitimate upload that trickles in over a second is cut off with 408 although the contract allows 2 s.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;
/** The whole request — head and body — must arrive within this time. */
const REQUEST_LIMIT_MS = 500;

const server = http.createServer(
  {
    // Node answers 408 and closes the connection when a request's head (headersTimeout) or the
    // whole request (requestTimeout) takes longer than this...
    headersTimeout: REQUEST_LIMIT_MS,
    requestTimeout: REQUEST_LIMIT_MS,
    // ...but it only checks every connectionsCheckingInterval ms (30 s by default).
    connectionsCheckingInterval: 200,
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
