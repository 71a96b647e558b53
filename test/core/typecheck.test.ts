// The type checker: Node's typings known, TypeScript's memory given back when nobody checks, and
// no code (nor any one asker) able to hold it up for everyone else.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TOO_COMPLEX, TypeChecker } from '../../sandbox/compile/typecheck.js';
import { childrenOf, commandLine, statFields } from '../../sandbox/process-table.js';
import { helloTypeBomb } from '../api/solutions.js';

const code = `import http from 'node:http';
const port: number = 'three thousand';
http.createServer((_req, res) => res.end('hi')).listen(port);
`;
/** The pids of this process's type checkers. */
const checkerPids = () => childrenOf(process.pid).filter((pid) => commandLine(pid).includes('typecheck-worker.js'));
const typeErrorLines = (diagnostics: Array<{ line: number; kind: string }> | undefined) => diagnostics?.map((d) => [d.line, d.kind]);

describe('type checker', () => {
  it('finds the same errors in a code whatever the same checker checked before it', async () => {
    const other = `import { readFile } from 'node:fs/promises';
import { nope } from './missing';
const text: number = await readFile('/etc/hostname', 'utf8');
`;
    const fresh = async (source: string) => {
      const checker = new TypeChecker();
      try {
        return await checker.check(source, { key: 'a' });
      } finally {
        await checker.close();
      }
    };
    const alone = { code: await fresh(code), other: await fresh(other) };
    assert.deepEqual(typeErrorLines(alone.code), [[2, 'type']]);
    assert.deepEqual([...new Set(alone.other?.map((d) => d.line))], [2, 3]);
    const checker = new TypeChecker();
    try {
      // Other imports in between, then the same code again, then code that imports nothing.
      for (const [source, expected] of [[code, alone.code], [other, alone.other], [code, alone.code], [other, alone.other]] as const) {
        assert.deepEqual(await checker.check(source, { key: 'a' }), expected);
      }
      assert.deepEqual(await checker.check('const n: number = 1;\nexport {};\n', { key: 'a' }), []);
    } finally {
      await checker.close();
    }
  });

  it('unloads TypeScript once idle and loads it again for the next check', async () => {
    const checker = new TypeChecker({ idleMs: 300 });
    try {
      assert.equal(checker.loaded, false, 'nothing is loaded before anyone needs a check');
      const first = await checker.check(code, { key: 'a' });
      assert.deepEqual(typeErrorLines(first), [[2, 'type']]);
      assert.equal(checker.loaded, true);
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.equal(checker.loaded, false, 'TypeScript is still held after the idle time');
      assert.deepEqual(await checker.check(code, { key: 'a' }), first);
    } finally {
      await checker.close();
    }
  });

  it('cuts off a check that runs past its time limit, says so, and serves the next asker from a new checker process', async () => {
    const checker = new TypeChecker({ timeLimitMs: 2000, memoryLimitMb: 4096 });
    try {
      const bomb = checker.check(helloTypeBomb, { key: 'attacker' });
      const other = checker.check(code, { key: 'someone-else' });
      const started = performance.now();
      const bombed = await bomb;
      assert.equal(bombed?.length, 1);
      assert.equal(bombed[0]!.severity, 'warning');
      assert.ok(bombed[0]!.message.startsWith(TOO_COMPLEX), bombed[0]!.message);
      assert.match(bombed[0]!.message, /2 s/);
      // Left alone, the bomb keeps TypeScript busy for minutes.
      assert.deepEqual(typeErrorLines(await other), [[2, 'type']]);
      assert.ok(performance.now() - started < 30_000, `the other check took ${Math.round(performance.now() - started)} ms`);
    } finally {
      await checker.close();
    }
  });

  it('lets a check that waits for the CPU finish: its time limit counts the CPU time it uses', async () => {
    const checker = new TypeChecker({ timeLimitMs: 1000 });
    try {
      await checker.check(code, { key: 'a' });
      const [pid] = checkerPids();
      // A stopped process gets no CPU at all, as a checker behind a busy runner gets little.
      const checked = checker.check(code, { key: 'a' });
      process.kill(pid!, 'SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      process.kill(pid!, 'SIGCONT');
      assert.deepEqual(typeErrorLines(await checked), [[2, 'type']]);
      assert.deepEqual(checkerPids(), [pid], 'the checker process was replaced');
    } finally {
      await checker.close();
    }
  });

  it('cuts off a check that needs more memory than its cap', async () => {
    const checker = new TypeChecker({ timeLimitMs: 10 * 60_000, memoryLimitMb: 300 });
    try {
      assert.deepEqual(typeErrorLines(await checker.check(code, { key: 'a' })), [[2, 'type']], 'an ordinary check fits in the cap');
      const bombed = await checker.check(helloTypeBomb, { key: 'attacker' });
      assert.equal(bombed?.length, 1);
      assert.ok(bombed[0]!.message.startsWith(TOO_COMPLEX), bombed[0]!.message);
      assert.match(bombed[0]!.message, /300 MB/);
      assert.deepEqual(typeErrorLines(await checker.check(code, { key: 'a' })), [[2, 'type']], 'the checker process was replaced');
    } finally {
      await checker.close();
    }
  });

  it('keeps one waiting check per asker, and serves askers in turn', async () => {
    const checker = new TypeChecker();
    try {
      await checker.check(code, { key: 'first' }); // TypeScript loaded, so a1 starts at once
      const order: string[] = [];
      const ask = (key: string, label: string) =>
        checker.check(code, { key }).then((d) => {
          order.push(label);
          return d;
        });
      // a1 starts at once; a2 and a3 are each replaced by a newer check of a's before they start.
      const checks = [ask('a', 'a1'), ask('a', 'a2'), ask('a', 'a3'), ask('a', 'a4'), ask('b', 'b1')];
      const [a1, a2, a3, a4, b1] = await Promise.all(checks);
      assert.equal(a2, undefined);
      assert.equal(a3, undefined);
      for (const d of [a1, a4, b1]) assert.deepEqual(typeErrorLines(d), [[2, 'type']]);
      assert.deepEqual(order, ['a2', 'a3', 'a1', 'a4', 'b1']);
      // While a's check runs, b (who asked before a asked again) comes first.
      order.length = 0;
      await Promise.all([ask('a', 'a5'), ask('b', 'b2'), ask('a', 'a6')]);
      assert.deepEqual(order, ['a5', 'b2', 'a6']);
    } finally {
      await checker.close();
    }
  });

  it('reads no file of the host that the code names, outside the typings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-typings-'));
    const secret = path.join(dir, 'secret.d.ts');
    fs.writeFileSync(secret, "declare const secret: 'hunter2';\nexport declare const exported: 'hunter2';\n");
    const checker = new TypeChecker();
    try {
      const bare = secret.slice(0, -'.d.ts'.length);
      const diagnostics = await checker.check(`/// <reference path="${secret}" />\nimport { exported } from '${bare}';\nconst a: number = secret;\nconst b: number = exported;\n`, { key: 'a' });
      const messages = diagnostics?.map((d) => d.message).join('\n') ?? '';
      assert.doesNotMatch(messages, /hunter2/, 'a type from the host file shows in the errors');
      assert.match(messages, /Cannot find name 'secret'/);
      assert.match(messages, /Cannot find module/);
      // The typings themselves still resolve.
      assert.deepEqual(await checker.check("import { createHash } from 'node:crypto';\nconst n: number = createHash('sha256').digest('hex').length;\n", { key: 'a' }), []);
    } finally {
      await checker.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks in a session of its own that yields the CPU to the runs', async () => {
    const checker = new TypeChecker();
    try {
      await checker.check(code, { key: 'a' });
      const mine = checkerPids();
      assert.equal(mine.length, 1, `checker processes of this test: ${mine.join(', ')}`);
      const checkerStat = statFields(mine[0]!)!;
      assert.notEqual(checkerStat[3], statFields('self')![3], 'the checker shares the session of the platform');
      assert.equal(checkerStat[16], '19');
      // Where Linux schedules each session as a group (every jail is a session of its own), the group yields too.
      if (fs.existsSync('/proc/self/autogroup')) assert.match(fs.readFileSync(`/proc/${mine[0]}/autogroup`, 'utf8'), /nice 19/);
    } finally {
      await checker.close();
    }
  });
});
