// A stored submission keeps meeting the probes it met: after its kata moves to a new version,
// a re-run of the old submission runs the old probes with the old seed and gets the same verdict,
// and a probe retitled in the new version is still the same probe to history.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { defaultKatasDir } from '../../sandbox/index.js';
import { Learner, startTestServer } from './server.js';
import { helloGetOnly } from './solutions.js';
import { tempDir } from '../support/temp.js';

const scratch = tempDir('versions');


/** What must not change between two runs of the same code, version and seed (timings and dates may). */
const essence = (result: { status: string; score: number; seed: number; kataVersion: number; probes: Array<{ id: string; name: string; passed: boolean; message: string }> }) => ({
  status: result.status,
  score: result.score,
  seed: result.seed,
  kataVersion: result.kataVersion,
  probes: result.probes.map(({ id, name, passed, message }) => ({ id, name, passed, message })),
});

describe('pinned kata versions', () => {
  it('re-runs an old submission against its own version after the kata changed, and a retitled probe keeps its id', async () => {
    const katas = path.join(scratch, 'katas');
    fs.mkdirSync(katas);
    fs.cpSync(path.join(defaultKatasDir(), 'hello-server'), path.join(katas, 'hello-server'), { recursive: true });
    fs.cpSync(path.join(defaultKatasDir(), 'tracks.json'), path.join(katas, 'tracks.json'));
    const db = path.join(scratch, 'katabox.db');

    let server = await startTestServer({ katasDir: katas, db });
    const learner = new Learner(server.url);
    await learner.get('/api/katas');
    const old = (await learner.post('/api/katas/hello-server/submissions?wait=true', { code: helloGetOnly })).body;
    assert.equal(old.status, 'failed');
    await server.close();

    // The next version: the status probe retitled, and every other probe gone.
    const kataJson = path.join(katas, 'hello-server', 'kata.json');
    const meta = JSON.parse(fs.readFileSync(kataJson, 'utf8'));
    fs.writeFileSync(kataJson, JSON.stringify({ ...meta, version: meta.version + 1 }));
    fs.writeFileSync(path.join(katas, 'hello-server', 'probes.ts'), `import { probe, expect } from 'katabox/probe';
probe('status-200', { name: 'every request is answered 200 OK', visibility: 'sample' }, async ({ http }) => {
  expect((await http.get('/')).status, 'status').toBe(200);
});
`);

    server = await startTestServer({ katasDir: katas, db });
    try {
      const again = new Learner(server.url);
      again.cookie = learner.cookie;
      const rerun = await again.post(`/api/submissions/${old.id}/rerun`, {});
      assert.equal(rerun.status, 200, rerun.text);
      assert.deepEqual(essence(rerun.body), essence(old.result));

      const now = (await again.post('/api/katas/hello-server/submissions?wait=true', { code: helloGetOnly })).body;
      assert.equal(now.kataVersion, meta.version + 1);
      assert.equal(now.status, 'passed');
      const title = (result: typeof old.result, id: string) => result.probes.find((p: { id: string }) => p.id === id)?.name;
      assert.equal(title(old.result, 'status-200'), 'answers with status 200');
      assert.equal(title(now.result, 'status-200'), 'every request is answered 200 OK');
      const history = (await again.get('/api/katas/hello-server/submissions')).body.submissions;
      assert.deepEqual(history.map((s: { kataVersion: number }) => s.kataVersion), [meta.version + 1, meta.version]);
    } finally {
      await server.close();
    }
  });
});
