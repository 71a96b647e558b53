// Send your own request, against a hostile learner: the request reaches the candidate's own server
// and nothing else, whatever its path, Host or headers say; a request that is not clean HTTP is not
// sent even when it reaches a runner without the API's check; the server cannot use the request
// to reach out; and no response, however malformed or endless, holds the runner or outlives it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sendTo } from '../support/runs.js';
import { assertStillScores100, bounded, hostListeners, processesMarked, processesStillRunning, token, waitUntilGone } from './support.js';

/** Tells what reached it: the Host header and the request line's target. */
const reporter = `require('node:http').createServer((req: any, res: any) => res.end(JSON.stringify({ host: req.headers.host, url: req.url }))).listen(3000);`;

describe('send your own request', bounded, () => {
  let host: Awaited<ReturnType<typeof hostListeners>>;
  before(async () => {
    host = await hostListeners();
  });
  after(() => host.close());

  it("goes to the candidate's server whatever its Host header and path name", async () => {
    const elsewhere = `127.0.0.1:${host.tcp}`;
    for (const request of [
      { headers: [{ name: 'Host', value: elsewhere }] },
      { path: `//${elsewhere}/x` },
      { path: `/http://${elsewhere}/`, headers: [{ name: 'Host', value: `[::1]:${host.any}` }] },
    ]) {
      const result = await sendTo('hello-server', reporter, request);
      assert.equal(result.status, 'answered', result.message);
      const seen = JSON.parse(result.response!.body);
      assert.equal(seen.url, request.path ?? '/', 'the candidate got the request as written');
    }
    assert.equal(host.reached(), 0, 'a listener on the host was reached');
  });

  it('is refused by the runner itself when it is not clean HTTP, so nothing is sent', async () => {
    const marker = token('never-started');
    const code = `process.title = '${marker}';\n${reporter}`;
    for (const request of [
      { path: `http://127.0.0.1:${host.tcp}/` },
      { path: '/a\r\nHost: elsewhere' },
      { headers: [{ name: 'X-A', value: `1\r\n\r\nGET http://127.0.0.1:${host.tcp}/ HTTP/1.1` }] },
      { headers: [{ name: 'Host:127.0.0.1', value: String(host.tcp) }] },
      { method: 'CONNECT', path: `/127.0.0.1:${host.tcp}` },
    ]) {
      const result = await sendTo('hello-server', code, request);
      assert.equal(result.status, 'error');
      assert.match(result.message, /^Katabox refused to send the request: /);
      assert.equal(result.response, null);
    }
    assert.deepEqual(processesMarked(marker), [], 'no server was started for a refused request');
    assert.equal(host.reached(), 0);
  });

  it("cannot make the candidate's handler reach the host or the outside", async () => {
    const targets = [{ host: '127.0.0.1', port: host.tcp }, ...host.addresses.map((address) => ({ host: address, port: host.any })), { path: host.unix }, { host: '1.1.1.1', port: 443 }];
    const result = await sendTo('hello-server', `const net = require('node:net');
const attempt = (target: any) => new Promise<string>((resolve) => {
  const socket = net.connect(target);
  socket.setTimeout(1000, () => { socket.destroy(); resolve('ETIMEDOUT'); });
  socket.on('connect', () => { socket.destroy(); resolve('connected'); });
  socket.on('error', (e: any) => resolve(e.code));
});
require('node:http').createServer(async (req: any, res: any) => {
  res.end(JSON.stringify(await Promise.all(${JSON.stringify(targets)}.map(attempt))));
}).listen(3000);`);
    assert.equal(result.status, 'answered', result.message);
    for (const outcome of JSON.parse(result.response!.body)) assert.match(outcome, /^(ECONNREFUSED|ENETUNREACH|EADDRNOTAVAIL|EINVAL|ENOENT|ETIMEDOUT)$/);
    assert.equal(host.reached(), 0, 'a listener on the host was reached');
  });

  it('survives responses that are not HTTP, too large or endless, and leaves no process behind', async () => {
    const marker = token('hostile-response');
    const raw = (answer: string) => `process.title = '${marker}';
require('node:net').createServer((socket: any) => { socket.on('error', () => {}); socket.once('data', () => { ${answer} }); }).listen(3000);`;
    const garbage = await sendTo('hello-server', raw(`socket.end('\\x1b[2J not http at all\\r\\n\\r\\n');`));
    assert.equal(garbage.status, 'cut_off');
    assert.match(garbage.message, /^The response is not valid HTTP \(HPE_/);
    const hugeHead = await sendTo('hello-server', raw(`socket.write('HTTP/1.1 200 OK\\r\\nX-Big: ' + 'a'.repeat(1024 * 1024) + '\\r\\n\\r\\n');`));
    assert.equal(hugeHead.status, 'cut_off');
    assert.match(hugeHead.message, /HPE_HEADER_OVERFLOW/);
    const started = performance.now();
    const flood = await sendTo('hello-server', raw(`socket.write('HTTP/1.1 200 OK\\r\\n\\r\\n'); const chunk = Buffer.alloc(65536, 120); const pour = () => { while (socket.write(chunk)) {} socket.once('drain', pour); }; pour();`));
    assert.equal(flood.status, 'timeout');
    assert.equal(flood.response!.truncated, true);
    assert.equal(flood.response!.body.length, 64 * 1024);
    assert.ok(flood.response!.bodyBytes > 64 * 1024);
    assert.ok(performance.now() - started < 9000, 'ended by the time limit');
    const upgrade = await sendTo('hello-server', raw(`socket.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: anything\\r\\nConnection: Upgrade\\r\\n\\r\\n'); setInterval(() => socket.write('more'), 10);`), {
      headers: [{ name: 'Connection', value: 'Upgrade' }, { name: 'Upgrade', value: 'anything' }],
    });
    assert.equal(upgrade.status, 'answered', upgrade.message);
    assert.match(upgrade.message, /switched protocols; the connection was closed/);
    assert.deepEqual(processesStillRunning(marker), [], 'a server outlived its answer');
    await waitUntilGone(marker, 2000);
    assert.deepEqual(processesMarked(marker), []);
    await assertStillScores100();
  });
});
