// What must never leave the server: a learner's work to anyone else, and a kata's reference
// solution, probe script and known-wrong solutions to anyone at all.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCatalog } from '../../sandbox/index.js';
import { defaultWebRoot } from '../../apps/server/web.js';
import { Learner, startTestServer, type TestServer } from './server.js';
import { helloCorrect, helloNoNewline } from './solutions.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

describe('learners', () => {
  it('cannot read one another\'s drafts, submissions or progress', async () => {
    const alice = new Learner(server.url);
    const bob = new Learner(server.url);
    await alice.put('/api/katas/hello-server/draft', { code: '// alice was here\n' });
    const submitted = await alice.post('/api/katas/hello-server/submissions?wait=true', { code: helloCorrect });
    assert.equal(submitted.status, 201);

    const mine = await alice.get(`/api/submissions/${submitted.body.id}`);
    assert.equal(mine.status, 200);
    const theirs = await bob.get(`/api/submissions/${submitted.body.id}`);
    assert.equal(theirs.status, 404);
    assert.equal(theirs.body.error, 'not_found');
    assert.deepEqual((await bob.get('/api/katas/hello-server/submissions')).body.submissions, []);
    const bobsPage = (await bob.get('/api/katas/hello-server')).body;
    assert.equal(bobsPage.draft, null);
    assert.equal(bobsPage.progress.status, 'not_tried');
    assert.equal((await alice.get('/api/katas/hello-server')).body.progress.status, 'solved');
  });

  it('get an httpOnly, SameSite cookie with a long random id, signed by the server', async () => {
    const res = await fetch(`${server.url}/api/katas`);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^katabox_learner=[A-Za-z0-9_-]{43}\.[A-Za-z0-9%]{43,};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
  });
});

/** Node's typings: public text the editor gets, whose doc examples may share a line with a solution. */
function nodeTypings(dir = path.dirname(createRequire(import.meta.url).resolve('@types/node/package.json'))): string {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.d.ts'))
    .map((entry) => fs.readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8'))
    .join('\n');
}

/** Lines long enough to be unmistakable that appear in a secret file but in nothing learners are given. */
function secretLines(): string[] {
  const { katas } = loadCatalog();
  // What learners may see: every starter and prompt, Node's typings, and the code this test submits.
  const given = [...katas.flatMap((k) => [k.starter, k.prompt]), nodeTypings(), helloNoNewline].join('\n');
  const lines: string[] = [];
  for (const kata of katas) {
    for (const file of [kata.solutionFile, kata.probesFile, ...kata.wrong.map((w) => w.file)]) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        const text = line.trim();
        // A line that is only a literal (an expected value, a hint) may show in a sample probe's message by design.
        const literalOnly = /^(['"`]|\/[^/])/.test(text);
        if (text.length >= 24 && !literalOnly && !given.includes(text)) lines.push(text);
      }
    }
  }
  return lines;
}

/** JSON responses are compared by their string values, so escaping cannot hide a match. */
function readable(text: string): string {
  try {
    const strings: string[] = [];
    JSON.parse(text, (_key, value) => {
      if (typeof value === 'string') strings.push(value);
      return value;
    });
    return strings.join('\n');
  } catch {
    return text;
  }
}

describe('secrets', () => {
  it('no reference solution, probe script or wrong/ solution reaches the browser', async () => {
    const learner = new Learner(server.url);
    await learner.get('/');
    const { katas } = (await learner.get('/api/katas')).body;
    for (const { slug } of katas) {
      await learner.get(`/katas/${slug}`);
      await learner.get(`/api/katas/${slug}`);
      await learner.post(`/api/katas/${slug}/run`, { code: helloNoNewline });
      const submitted = await learner.post(`/api/katas/${slug}/submissions`, { code: helloNoNewline });
      await learner.get(`/api/katas/${slug}/submissions`);
      await learner.get(`/api/submissions/${submitted.body.id}`);
    }
    await learner.get('/api/docs');
    // The whole web bundle too, as the server sends it.
    for (const file of fs.readdirSync(path.join(defaultWebRoot, 'assets'))) {
      if (!/\.(br|gz)$/.test(file)) assert.equal((await learner.get(`/assets/${file}`)).status, 200);
    }

    const secrets = secretLines();
    assert.ok(secrets.length > 50, 'the check has material to work with');
    const seen = learner.received.map(readable);
    for (const secret of secrets) {
      const leak = seen.find((text) => text.includes(secret));
      assert.equal(leak, undefined, `a response contains a line of a secret kata file: ${secret}`);
    }
  });
});
