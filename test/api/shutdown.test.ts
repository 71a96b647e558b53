// SIGTERM while a submission runs: the server stops taking work, lets the run finish and be
// recorded, tells the watcher that stored verdict, and exits. Nothing is run again afterwards
// with another seed: the row holds the verdict the learner was shown. Killed outright instead,
// the server leaves no runner host behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { openStore } from '../../apps/server/storage/open.js';
import { SqliteDatabase } from '../../apps/server/storage/sqlite-driver.js';
import { Learner } from './server.js';
import { helloSlow } from './solutions.js';
import { tempDir } from '../support/temp.js';
import { runnerHostOf } from '../support/runner-host.js';

const bin = fileURLToPath(new URL('../../../bin/katabox.js', import.meta.url));
const dir = tempDir('shutdown');

function serve(db: string) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db, '--allow-weak-isolation'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const found = /https?:\/\/(?:localhost|127\.0\.0\.1):\d+/.exec(output);
      if (found) resolve(found[0]);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => reject(new Error(`katabox serve exited: ${output}`)));
  });
  return { child, exited, url };
}

describe('SIGTERM during a run', () => {
  it('records the verdict the watcher is sent, then exits; nothing runs again', async () => {
    const db = path.join(dir, 'katabox.db');
    const server = serve(db);
    const learner = new Learner(await server.url);
    await learner.get('/api/katas');
    const { body: queued } = await learner.post('/api/katas/hello-server/submissions', { code: helloSlow });
    assert.equal(queued.status, 'queued');
    let signalled = false;
    const events = await learner.events(`/api/submissions/${queued.id}/events`, {
      onEvent: (event) => {
        if (event.event === 'probe' && !signalled) {
          signalled = true;
          server.child.kill('SIGTERM');
        }
      },
    });
    assert.ok(signalled, 'the run was under way when the server was told to stop');
    assert.equal(await server.exited, 0);
    const verdict = events.find((e) => e.event === 'verdict');
    assert.ok(verdict, `a verdict was sent: ${events.map((e) => e.event).join(' ')}`);
    assert.equal(verdict.data.status, 'passed');

    const raw = new SqliteDatabase(db, { readonly: true });
    const owner = raw.prepare('SELECT learner FROM submissions WHERE public_id = ?').pluck().get(queued.id) as string;
    raw.close();
    const store = await openStore(db);
    try {
      const stored = (await store.getSubmission(owner, queued.id))!;
      assert.equal(stored.status, 'passed');
      assert.equal(stored.result!.seed, verdict.data.result.seed);
      assert.deepEqual((await store.unfinishedSubmissions()).map((s) => s.id), []);
    } finally {
      await store.close();
    }
  });
});

describe('a server killed the moment it serves', () => {
  // Its runner host is still loading then; it must notice that the server went all the same.
  it('leaves no runner host behind', async () => {
    const server = serve(path.join(dir, 'killed.db'));
    await server.url;
    const host = runnerHostOf(server.child.pid!);
    assert.ok(host, 'the server started its runner host before saying it serves');
    server.child.kill('SIGKILL');
    await server.exited;
    const alive = () => fs.existsSync(`/proc/${host}`);
    try {
      for (let i = 0; i < 100 && alive(); i++) await sleep(100);
      assert.equal(alive(), false, 'the runner host is still running ten seconds after its server was killed');
    } finally {
      // A host left behind holds the pipes to this process, which would then never end.
      if (alive()) process.kill(host, 'SIGKILL');
    }
  });
});
