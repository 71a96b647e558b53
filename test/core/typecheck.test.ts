// The type checker: Node's typings known, and TypeScript's memory given back when nobody checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TypeChecker } from '../../sandbox/compile/typecheck.js';

const code = `import http from 'node:http';
const port: number = 'three thousand';
http.createServer((_req, res) => res.end('hi')).listen(port);
`;

describe('type checker', () => {
  it('unloads TypeScript once idle and loads it again for the next check', async () => {
    const checker = new TypeChecker(300);
    try {
      assert.equal(checker.loaded, false, 'nothing is loaded before anyone needs a check');
      const first = await checker.check(code, 30_000);
      assert.deepEqual(first?.map((d) => [d.line, d.kind]), [[2, 'type']]);
      assert.equal(checker.loaded, true);
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.equal(checker.loaded, false, 'TypeScript is still held after the idle time');
      assert.deepEqual(await checker.check(code, 30_000), first);
    } finally {
      await checker.close();
    }
  });

  it('stays loaded while runs are expected', async () => {
    const checker = new TypeChecker(400);
    try {
      await checker.check(code, 30_000);
      // Each call holds the idle time off anew: five calls span twice that time.
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.equal(checker.loaded, true, `unloaded ${(i + 1) * 200} ms in, though runs were expected`);
        checker.warmUp();
      }
    } finally {
      await checker.close();
    }
  });
});
