// After the candidate's server stops mid-run, the remaining probes run on a restarted one, so a
// learner sees every failure at once; at most twice per run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { madeUpKata, runCode } from '../support/runs.js';

/** Crashes on /crash, answers 500 on /bug, and 200 'ok' everywhere else; on SIGTERM it says so and exits. */
const server = `import http from 'node:http';
const server = http.createServer((req, res) => {
  if (req.url === '/crash') throw new Error('boom on /crash');
  res.writeHead(req.url === '/bug' ? 500 : 200);
  res.end('ok');
});
server.listen(3000);
console.log('started');
process.on('SIGTERM', () => server.close());
`;

const probe = (id: string, path: string) => `probe('${id}', { name: '${id}' }, async ({ http }) => {
  expect((await http.get('${path}')).status, 'status').toBe(200);
});
`;

describe('restarts after a crash', () => {
  it('runs the probes after a crash on a restarted server, within bounds, and the verdict stays crashed', async () => {
    const probes = [
      probe('first', '/ok'),
      probe('crash', '/crash'),
      probe('after-crash', '/ok'),
      probe('bug', '/bug'),
      probe('crash-again', '/crash'),
      probe('after-second-crash', '/ok'),
      probe('crash-thrice', '/crash'),
      probe('never', '/ok'),
    ];
    const result = await runCode(madeUpKata(`import { probe, expect } from 'katabox/probe';\n${probes.join('')}`), server);
    assert.equal(result.status, 'crashed');
    assert.match(result.message, /^The server process stopped while being probed: it threw Error: boom on \/crash; later probes ran on a restarted server \(4 restarts\) \(3 of 8 probes passed\)\.$/);
    const seen = result.probes.map((p) => [p.id, p.passed, p.restarted ?? false]);
    assert.deepEqual(seen, [
      ['first', true, false],
      ['crash', false, false],
      ['after-crash', true, true],
      ['bug', false, true],
      ['crash-again', false, true],
      ['after-second-crash', true, true],
      ['crash-thrice', false, true],
      ['never', false, false],
    ]);
    assert.match(result.probes[3]!.message, /status: expected 200, got 500/);
    assert.equal(result.probes[7]!.message, 'not run: the server process had exited, after 4 restarts');
    // Each crashing probe was tried a second time on a fresh server (it might have met a server
    // dying of the request before), and crashed it again: two restarts between probes, two second tries.
    const mark = '\n--- the server stopped; the probes below ran on a restarted one ---\n';
    assert.equal(result.logs.stdout, Array(5).fill('started\n').join(mark));
    assert.equal(result.logs.stderr.split(mark).length, 5);
    assert.equal(result.logs.stderr.match(/Error: boom on \/crash/g)?.length, 5);
  });

  it('judges a probe on its own when it met a server dying of the request before', async () => {
    // Answers in full, then dies: the next probe's request reaches a dying process.
    const diesAfterAnswering = `require('node:http').createServer((_req: any, res: any) => {
  res.end('ok');
  process.nextTick(() => { throw new Error('boom after answering'); });
}).listen(3000);`;
    const probes = `import { probe, expect } from 'katabox/probe';
probe('one', { name: 'one' }, async ({ http }) => { expect((await http.get('/one')).body, 'body').toBe('ok'); });
probe('two', { name: 'two' }, async ({ http }) => { expect((await http.get('/two')).body, 'body').toBe('ok'); });
`;
    const kata = madeUpKata(probes);
    // The same seed, again and again: the verdict must not depend on how the race falls.
    for (let i = 0; i < 4; i++) {
      const result = await runCode(kata, diesAfterAnswering, { seed: 42 });
      assert.equal(result.status, 'crashed');
      assert.deepEqual(result.probes.map((p) => [p.id, p.passed]), [['one', true], ['two', true]], JSON.stringify(result.probes.map((p) => p.message)));
      assert.equal(result.probes[1]!.restarted, true);
    }
  });

  it('restarts a server a probe shut down with a signal, without calling it a crash', async () => {
    const result = await runCode(madeUpKata(`import { probe, expect } from 'katabox/probe';
probe('shutdown', { name: 'shutdown' }, async ({ signal, alive, sleep }) => {
  await signal('SIGTERM');
  for (let i = 0; i < 30 && (await alive()); i++) await sleep(100);
  expect(await alive(), 'still running').toBe(false);
});
${probe('after-shutdown', '/ok')}`), server);
    assert.equal(result.status, 'passed', result.message);
    assert.deepEqual(result.probes.map((p) => [p.id, p.passed, p.restarted ?? false]), [['shutdown', true, false], ['after-shutdown', true, true]]);
  });
});
