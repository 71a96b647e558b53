// @fails: stalled-body-408
// @why: the timeouts are right, but the async handler's for await is not guarded, so when Node times out a stalled body and destroys its socket the loop throws "aborted", the rejection goes unhandled, and the process exits (the probes after it run on a restarted server).
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

const port = Number(process.env.PORT) || 3000;
/** The whole request — head and body — must arrive within this time. */
const REQUEST_LIMIT_MS = 2000;

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
    void handle(req, res);
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
