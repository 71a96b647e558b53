// Drafts: saved on the server, read back with the kata, forgotten on reset.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loadCatalog } from '../../sandbox/index.js';
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
    assert.ok(page.kata.hints.length >= 2);
    assert.equal(page.debrief, null, 'the debrief waits until the kata is solved');
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
  const installed = loadCatalog().katas;

  it('lists every kata with title, track, difficulty, tags and time, in track order', async () => {
    const { katas, tags, tracks } = (await new Learner(server.url).get('/api/katas')).body;
    assert.deepEqual(katas.map((k: { slug: string }) => k.slug), installed.map((k) => k.meta.slug));
    for (const kata of katas) {
      assert.equal(typeof kata.title, 'string');
      assert.ok(tracks.some((t: { slug: string }) => t.slug === kata.track));
      assert.ok(['easy', 'medium', 'hard'].includes(kata.difficulty));
      assert.ok(kata.tags.length > 0);
      assert.ok(kata.minutes > 0);
    }
    assert.ok(tags.includes('json'));
    assert.equal(tracks[0].slug, 'raw-http');
    assert.equal(tracks.reduce((n: number, t: { katas: number }) => n + t.katas, 0), installed.length);
  });

  it('filters by difficulty, by tag and by words of the title or tags', async () => {
    const learner = new Learner(server.url);
    const slugs = async (query: string) => (await learner.get(`/api/katas?${query}`)).body.katas.map((k: { slug: string }) => k.slug);
    const expected = (keep: (k: (typeof installed)[number]) => boolean) => installed.filter(keep).map((k) => k.meta.slug);
    assert.deepEqual(await slugs('difficulty=hard'), expected((k) => k.meta.difficulty === 'hard'));
    assert.deepEqual(await slugs('tag=streams'), expected((k) => k.meta.tags.includes('streams')));
    assert.deepEqual(await slugs('tag=json&difficulty=easy'), expected((k) => k.meta.tags.includes('json') && k.meta.difficulty === 'easy'));
    assert.deepEqual(await slugs('tag=nonexistent'), []);
    assert.deepEqual(await slugs('q=JSON%20body'), expected((k) => ['json', 'body'].every((w) => k.meta.title.toLowerCase().includes(w) || k.meta.tags.some((t) => t.includes(w)))));
    assert.ok((await slugs('q=json%20body')).includes('read-json-body'));
  });

  it('counts solved katas per track and suggests the next one', async () => {
    const learner = new Learner(server.url);
    const before = (await learner.get('/api/katas')).body;
    assert.equal(before.next.slug, installed[0]!.meta.slug);
    assert.ok(before.tracks.every((t: { solved: number }) => t.solved === 0));
    const solution = fs.readFileSync(installed[0]!.solutionFile, 'utf8');
    assert.equal((await learner.post(`/api/katas/${installed[0]!.meta.slug}/submissions?wait=true`, { code: solution })).body.status, 'passed');
    const after = (await learner.get('/api/katas')).body;
    assert.equal(after.tracks[0].solved, 1);
    assert.equal(after.next.slug, installed[1]!.meta.slug);
    const page = (await learner.get(`/api/katas/${installed[0]!.meta.slug}`)).body;
    assert.match(page.debrief, /\S/);
    assert.equal(page.next.slug, installed[1]!.meta.slug);
  });
});
