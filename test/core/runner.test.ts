// The runner's verdicts for the ways a submission can go right and wrong, on the hello-server kata.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { kataDir, runCode } from '../support/runs.js';

const hello = (body: string) => `import http from 'node:http';
const server = http.createServer((req, res) => {
${body}
});
server.listen(3000);
`;
const correct = hello(`  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');`);

describe('runner', () => {
  it('passes a correct solution written with require()', async () => {
    const code = `const http = require('node:http');
http.createServer((req: any, res: any) => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('Hello from raw Node!\\n'); }).listen(3000);`;
    const result = await runCode('hello-server', code);
    assert.equal(result.status, 'passed', result.message);
    assert.equal(result.score, 100);
    assert.equal(result.isolation.level === 'full' || result.isolation.level === 'partial', true);
  });

  it('passes a correct solution with a named import', async () => {
    const code = `import { createServer } from 'node:http';
createServer((_req, res) => { res.setHeader('content-type', 'text/plain; charset=utf-8'); res.end('Hello from raw Node!\\n'); }).listen(3000);`;
    const result = await runCode('hello-server', code);
    assert.equal(result.status, 'passed', result.message);
  });

  it('runs top-level await, in import and in require style', async () => {
    const listen = `const server = http.createServer((_req: any, res: any) => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('Hello from raw Node!\\n'); });
await new Promise<void>((resolve) => server.listen(3000, resolve));
console.log('listening after await');
`;
    for (const code of [`import http from 'node:http';\n${listen}`, `const http = require('node:http');\n${listen}`]) {
      const result = await runCode('hello-server', code);
      assert.equal(result.status, 'passed', `${result.message}\n${result.logs.stderr}`);
      assert.equal(result.logs.stdout, 'listening after await\n');
    }
  });

  it("starts the candidate's Node from a snapshot built under the run's own heap cap", async () => {
    const code = correct + `const v8 = require('node:v8');
console.log(process.execArgv.includes('--snapshot-blob'), Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20));
`;
    const heapMb = async (memoryMb: number) => {
      const result = await runCode('hello-server', code, { limits: { memoryMb } });
      assert.equal(result.status, 'passed', `${result.message}\n${result.logs.stderr}`);
      const [snapshot, limit] = result.logs.stdout.trim().split(' ');
      assert.equal(snapshot, 'true', 'Node was started without the snapshot');
      return Number(limit);
    };
    // The heap limit V8 reports is the old space cap plus a young generation whose size differs
    // between Node versions: the jail's must be what this Node gives the same flag on its own.
    const plainMb = (memoryMb: number) =>
      Number(execFileSync(process.execPath, [`--max-old-space-size=${memoryMb}`, '-e', 'console.log(Math.round(require("node:v8").getHeapStatistics().heap_size_limit / 2 ** 20))'], { encoding: 'utf8' }));
    const [small, large] = [await heapMb(96), await heapMb(200)];
    assert.equal(small, plainMb(96), 'a 96 MB cap');
    assert.equal(large, plainMb(200), 'a 200 MB cap');
    assert.ok(large > small);
  });

  it('reports an error thrown after a top-level await as the program ending', async () => {
    const result = await runCode('hello-server', `import http from 'node:http';\nawait new Promise((resolve) => setTimeout(resolve, 10));\nthrow new TypeError('no port ' + http.STATUS_CODES[404]);\n`);
    assert.equal(result.status, 'crashed');
    assert.match(result.message, /ended before its server listened: it threw TypeError: no port Not Found/);
  });

  it('lets a second server listen beside the probed one, and probes only the first', async () => {
    const code = correct + `const metrics = http.createServer((_req, res) => res.end('up 1'));
metrics.listen(9100, () => {
  const { port } = metrics.address() as import('node:net').AddressInfo;
  http.get({ host: '127.0.0.1', port, path: '/metrics' }, (res) => res.on('data', (d) => console.log('metrics answered: ' + d)));
});
`;
    const result = await runCode('hello-server', code);
    assert.equal(result.status, 'passed', `${result.message}\n${result.logs.stderr}`);
    assert.equal(result.logs.stdout, 'metrics answered: up 1\n');
  });

  it('finds the server on whatever port it chose', async () => {
    const result = await runCode('hello-server', correct.replace('server.listen(3000)', 'server.listen(8123, "0.0.0.0", () => console.log("up on 8123"))'));
    assert.equal(result.status, 'passed', result.message);
    assert.match(result.logs.stdout, /up on 8123/);
  });

  it('reports syntax errors with their position and does not run the code', async () => {
    const result = await runCode('hello-server', `import http from 'node:http';\nconst x = ;\nhttp.createServer().listen(3000);\n`);
    assert.equal(result.status, 'compile_error');
    assert.equal(result.score, 0);
    const [first] = result.diagnostics;
    assert.ok(first, 'a diagnostic is reported');
    assert.equal(first.kind, 'syntax');
    assert.equal(first.line, 2);
    assert.equal(first.column, 11);
    assert.match(result.message, /line 2, column 11/);
    assert.equal(result.probes.length, 0);
  });

  it('says when the server never listens', async () => {
    const result = await runCode('hello-server', `import http from 'node:http';\nhttp.createServer((req, res) => res.end('hi'));\nsetInterval(() => {}, 1000);\n`, { limits: { listenMs: 1000 } });
    assert.equal(result.status, 'did_not_listen');
    assert.match(result.message, /did not start listening within 1 s/);
    assert.ok(result.probes.every((p) => !p.passed && /never listened/.test(p.message)));
  });

  it('says when the program ends without a server', async () => {
    const result = await runCode('hello-server', `console.log('done');\n`);
    assert.equal(result.status, 'did_not_listen');
    assert.match(result.message, /ended without starting a server/);
    assert.equal(result.logs.stdout, 'done\n');
  });

  it('reports a crash during the probes, keeping the outcomes before it', async () => {
    const code = hello(`  if (req.method !== 'GET') throw new Error('only GET here');
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');`);
    const result = await runCode('hello-server', code);
    assert.equal(result.status, 'crashed');
    assert.match(result.message, /stopped while being probed: it threw Error: only GET here/);
    assert.match(result.logs.stderr, /only GET here/);
    assert.ok(result.score > 0 && result.score < 100, `partial credit, got ${result.score}`);
    assert.ok(result.probes.some((p) => p.passed));
    const failing = result.probes.filter((p) => !p.passed);
    assert.ok(failing.length > 0);
    assert.match(failing[0]!.message, /the connection was closed without a response/);
  });

  it('explains a server that never ends its responses, within a few seconds', async () => {
    const started = Date.now();
    const result = await runCode('hello-server', hello(`  res.writeHead(200, { 'Content-Type': 'text/plain' });\n  res.write('Hello');`));
    assert.equal(result.status, 'failed');
    assert.equal(result.score, 0);
    assert.match(result.probes[0]!.message, /did not finish within 2 s — does the handler call res.end\(\)\?/);
    assert.ok(Date.now() - started < 8000, `took ${Date.now() - started} ms`);
  });

  it('shows each failing request as a curl command with what came back', async () => {
    const result = await runCode('hello-server', hello(`  res.writeHead(404, { 'Content-Type': 'text/plain' });\n  res.end('nope');`));
    const failing = result.probes.find((p) => p.name === 'answers with status 200');
    assert.ok(failing && !failing.passed);
    assert.match(failing.message, /status: expected 200, got 404/);
    const exchange = failing.exchanges?.[0];
    assert.match(exchange?.request.curl ?? '', /^curl -i 'http:\/\/localhost:3000\/[a-z/]+'$/);
    assert.equal(exchange?.response?.status, 404);
    assert.equal(exchange?.response?.body, 'nope');
  });

  it('replays the same inputs from the same seed', async () => {
    const first = await runCode('hello-server', correct);
    const again = await runCode('hello-server', correct, { seed: first.seed });
    const paths = (r: typeof first) => r.probes.flatMap((p) => p.exchanges ?? []).map((e) => `${e.request.method} ${e.request.path}`);
    assert.deepEqual(paths(again), paths(first));
    const other = await runCode('hello-server', correct, { seed: (first.seed + 1) % 2 ** 32 });
    assert.notDeepEqual(paths(other), paths(first));
  });

  it('runs only the sample probes in run mode, and keeps every detail of hidden probes on submit', async () => {
    const sample = await runCode('hello-server', correct, { mode: 'run' });
    assert.ok(sample.probes.length > 0 && sample.probes.every((p) => p.visibility === 'sample'));
    const wrong = fs.readFileSync(`${kataDir('hello-server')}/wrong/get-only.ts`, 'utf8');
    const submitted = await runCode('hello-server', wrong);
    const failedHidden = submitted.probes.find((p) => p.visibility === 'hidden' && !p.passed);
    assert.ok(failedHidden, 'a hidden probe failed');
    // What a viewer may see is the server's decision; the verdict itself loses nothing.
    assert.equal(failedHidden.id, 'any-method');
    assert.match(failedHidden.message, /status/);
    assert.ok((failedHidden.exchanges ?? []).length > 0);
  });
});
