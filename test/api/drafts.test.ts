// Drafts: saved on the server, read back with the kata, forgotten on reset.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Learner, startTestServer, type TestServer } from './server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

describe('drafts', () => {
  it('a kata opens with its starter until the learner saves a draft', async () => {
    const learner = new Learner(server.url);
    const page = (await learner.get('/api/katas/hello-server')).body;
    assert.equal(page.kata.slug, 'hello-server');
    assert.match(page.kata.prompt, /^# Hello, raw Node/);
    assert.match(page.kata.starter, /createServer/);
    assert.equal(page.draft, null);
  });

  it('saves, returns the latest version, and counts the kata as attempted', async () => {
    const learner = new Learner(server.url);
    await learner.put('/api/katas/read-json-body/draft', { code: 'first' });
    const saved = await learner.put('/api/katas/read-json-body/draft', { code: 'second' });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.code, 'second');
    const page = (await learner.get('/api/katas/read-json-body')).body;
    assert.deepEqual(page.draft, saved.body);
    assert.equal(page.progress.status, 'attempted');
  });

  it('reset forgets the draft', async () => {
    const learner = new Learner(server.url);
    await learner.put('/api/katas/parse-url/draft', { code: 'mine' });
    assert.equal((await learner.delete('/api/katas/parse-url/draft')).status, 204);
    const page = (await learner.get('/api/katas/parse-url')).body;
    assert.equal(page.draft, null);
    assert.equal(page.progress.status, 'not_tried');
  });
});

describe('catalog', () => {
  it('lists every kata with title, difficulty, tags and time', async () => {
    const { katas, tags } = (await new Learner(server.url).get('/api/katas')).body;
    assert.equal(katas.length, 5);
    for (const kata of katas) {
      assert.equal(typeof kata.title, 'string');
      assert.ok(['easy', 'medium', 'hard'].includes(kata.difficulty));
      assert.ok(kata.tags.length > 0);
      assert.ok(kata.minutes > 0);
    }
    assert.ok(tags.includes('json'));
  });

  it('filters by difficulty and by tag', async () => {
    const learner = new Learner(server.url);
    const slugs = async (query: string) => (await learner.get(`/api/katas?${query}`)).body.katas.map((k: { slug: string }) => k.slug);
    assert.deepEqual(await slugs('difficulty=hard'), ['mini-router']);
    assert.deepEqual(await slugs('tag=streams'), ['read-json-body']);
    assert.deepEqual(await slugs('tag=json&difficulty=easy'), ['inspect-request']);
    assert.deepEqual(await slugs('tag=nonexistent'), []);
  });
});
