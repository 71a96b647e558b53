// @fails: others-served-meanwhile
// @why: it handles requests strictly one after another through a promise chain, so while one client stalls its upload every other client waits behind it until the 408.
import http from 'node:http';

let queue: Promise<void> = Promise.resolve();

async function countBytes(req: http.IncomingMessage): Promise<number> {
  let bytes = 0;
  for await (const chunk of req) bytes += (chunk as Buffer).length;
  return bytes;
}

const server = http.createServer({ headersTimeout: 2000, requestTimeout: 2000, connectionsCheckingInterval: 200 }, (req, res) => {
  // One request at a time, so uploads never compete for memory.
  queue = queue.then(async () => {
    try {
      const bytes = await countBytes(req);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ bytes }));
    } catch {
      res.destroy();
    }
  });
});

server.listen(Number(process.env.PORT) || 3000);
