// A candidate has no network beyond its own server: nothing on the host (its loopback, any of
// its addresses, UDP, abstract unix sockets) and nothing outside sees a single packet from it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { afterAttempts, assertAllRefused, bounded, hostListeners, timedRun } from './support.js';

describe('network', bounded, () => {
  let host: Awaited<ReturnType<typeof hostListeners>>;
  before(async () => {
    host = await hostListeners();
  });
  after(() => host.close());

  it('reaches no service on the host, on any address, nor anything outside', async () => {
    const targets = [
      { host: '127.0.0.1', port: host.tcp },
      { host: 'localhost', port: host.tcp },
      { host: '127.0.0.1', port: host.any },
      ...host.addresses.map((address) => ({ host: address, port: host.any })),
      { path: host.unix },
      { host: '1.1.1.1', port: 443 },
    ];
    const { result } = await timedRun(afterAttempts(`
const net = require('node:net');
const connect = (target: any) => new Promise((resolve, reject) => {
  const socket = net.connect(target);
  socket.setTimeout(1000, () => { socket.destroy(); reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })); });
  socket.on('connect', () => { socket.destroy(); resolve('connected'); });
  socket.on('error', reject);
});
await Promise.all(${JSON.stringify(targets)}.map((target: any) => settle('connect ' + JSON.stringify(target), () => connect(target))));
await settle('dns', () => require('node:dns').promises.lookup('example.com'));
const udp = require('node:dgram').createSocket('udp4');
for (let i = 0; i < 10; i++) udp.send('hello', ${host.udp}, '127.0.0.1');
await new Promise((resolve) => setTimeout(resolve, 100));
`));
    assert.equal(result.status, 'passed', result.message);
    assertAllRefused(result, /^(ECONNREFUSED|ENETUNREACH|EADDRNOTAVAIL|EINVAL|ENOENT|EAI_AGAIN|ENOTFOUND|ETIMEDOUT)$/);
    assert.equal(host.reached(), 0, 'a listener on the host was reached');
  });

  it('is probed over real TCP from a loopback address', async () => {
    const { result } = await timedRun(`require('node:http').createServer((req: any, res: any) => {
  console.log('peer ' + req.socket.remoteAddress);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
}).listen(3000);`);
    assert.equal(result.status, 'passed', result.message);
    const peers = new Set(result.logs.stdout.match(/^peer .*$/gm));
    assert.deepEqual([...peers], ['peer 127.0.0.1']);
  });
});
