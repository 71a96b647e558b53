// `katabox serve --db postgres://…` end to end: a learner's history made on the SQLite default
// moves with `katabox db copy`, the same cookie finds it when the server runs on PostgreSQL,
// and a new submission (hello-server's reference solution) is run, scored and stored there.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Learner } from '../api/server.js';
import { postgresForThisFile } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = path.join(root, 'bin/katabox.js');
const reference = fs.readFileSync(path.join(root, 'katas/hello-server/solution.ts'), 'utf8');
const postgres = postgresForThisFile();

/** A real `katabox serve` on a free port; stop() sends SIGTERM and waits for the exit. */
async function serve(db: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db, '--allow-weak-isolation'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const found = /http:\/\/(?:localhost|127\.0\.0\.1):\d+/.exec(output);
      if (found) resolve(found[0]);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => reject(new Error(`katabox serve exited: ${output}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      assert.equal(await exited, 0, output);
    },
  };
}

describe('serving from PostgreSQL', () => {
  it('shows a learner copied from SQLite their history, and runs and stores their new submission', async () => {
    const file = path.join(tempDir('serve-pg'), 'katabox.db');
    const onSqlite = await serve(file);
    const learner = new Learner(onSqlite.url);
    let first;
    try {
      assert.equal((await learner.get('/api/katas')).status, 200);
      await learner.put('/api/katas/hello-server/draft', { code: '// my draft — café' });
      first = await learner.post('/api/katas/hello-server/submissions?wait=true', { code: reference });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.body.status, 'passed');
    } finally {
      await onSqlite.stop();
    }

    const url = await (await postgres()).database();
    const copy = spawnSync(process.execPath, [bin, 'db', 'copy', '--from', file, '--to', url], { encoding: 'utf8' });
    assert.equal(copy.status, 0, copy.stderr);
    assert.match(copy.stdout, /^ {2}submissions +1$/m);

    const onPostgres = await serve(url);
    try {
      const same = new Learner(onPostgres.url);
      same.cookie = learner.cookie;
      const page = await same.get('/api/katas/hello-server');
      assert.equal(page.body.draft?.code, '// my draft — café', 'the same cookie is the same learner: the secret came along');
      assert.equal(page.body.progress.status, 'solved');
      const history = await same.get('/api/katas/hello-server/submissions');
      assert.deepEqual(history.body.submissions.map((s: { id: string; status: string }) => [s.id, s.status]), [[first.body.id, 'passed']]);
      assert.equal((await same.get(`/api/submissions/${first.body.id}`)).body.result.score, 100);

      const second = await same.post('/api/katas/hello-server/submissions?wait=true', { code: reference });
      assert.equal(second.status, 201, second.text);
      assert.equal(second.body.status, 'passed');
      assert.equal(second.body.score, 100);
      const after = await same.get('/api/katas/hello-server/submissions');
      assert.deepEqual(after.body.submissions.map((s: { id: string }) => s.id), [second.body.id, first.body.id]);
      const stranger = await new Learner(onPostgres.url).get(`/api/submissions/${second.body.id}`);
      assert.equal(stranger.status, 404, 'another learner does not see it');
    } finally {
      await onPostgres.stop();
    }
  });
});
