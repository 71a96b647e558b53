// A broken kata is reported with every problem named, so its author can fix it in one go.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { KataError, loadCatalog, loadKata } from '../../sandbox/index.js';
import { tempDir } from '../support/temp.js';

function kataFolder(slug: string, files: Record<string, string>): string {
  const dir = path.join(tempDir('kata'), slug);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const meta = { slug: 'tiny', title: 'Tiny', track: 'basics', order: 1, difficulty: 'easy', tags: ['http'], minutes: 5, version: 1, hints: ['Look closer.'] };
const valid = {
  'kata.json': JSON.stringify(meta),
  'prompt.md': '# Tiny\n',
  'starter.ts': 'export {};\n',
  'solution.ts': 'export {};\n',
  'probes.ts': "import { probe } from 'katabox/probe';\n",
  'debrief.md': '## Why?\n',
  'wrong/nothing.ts': '// @fails: some-probe\n// @why: it does nothing\nexport {};\n',
};
const tracks = JSON.stringify([{ slug: 'basics', title: 'Basics', description: 'The first steps.' }]);

describe('kata loader', () => {
  it('loads a complete kata with its wrong solutions and the probes they fail', () => {
    const kata = loadKata(kataFolder('tiny', valid));
    assert.equal(kata.meta.title, 'Tiny');
    assert.deepEqual(kata.wrong.map((w) => [w.name, w.fails, w.why]), [['nothing', ['some-probe'], 'it does nothing']]);
    assert.deepEqual(kata.meta.hints, ['Look closer.']);
    assert.equal(kata.debrief, '## Why?\n');
    assert.equal(kata.bundle.version, 1);
    assert.match(kata.bundle.hash, /^sha256-/);
  });

  it('names every problem of a broken kata', () => {
    const dir = kataFolder('tiny', {
      ...valid,
      'kata.json': JSON.stringify({ slug: 'other', title: '', track: 'No Track', difficulty: 'extreme', tags: [], minutes: 0, version: 1, hints: [], colour: 'red', limits: { wallMs: 5 } }),
      'prompt.md': '',
      'wrong/nothing.ts': 'export {};\n',
    });
    fs.rmSync(path.join(dir, 'solution.ts'));
    fs.rmSync(path.join(dir, 'debrief.md'));
    const err = (() => {
      try {
        loadKata(dir);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof KataError);
    const expected = [
      /slug "other" does not match its folder name "tiny"/,
      /title must be a non-empty string/,
      /track must name a track/,
      /order must be a positive integer/,
      /hints must be an array of 1 to 5/,
      /difficulty must be one of easy, medium, hard/,
      /tags must be a non-empty array/,
      /minutes must be an integer/,
      /unknown field "colour"/,
      /limit wallMs must be an integer from 500/,
      /prompt \(prompt.md\) is empty/,
      /reference solution is missing: expected solution.ts/,
      /debrief is missing: expected debrief.md/,
      /wrong\/nothing.ts must name the probe\(s\) it fails/,
    ];
    for (const pattern of expected) assert.ok(err.problems.some((p) => pattern.test(p)), `missing problem ${pattern}: ${err.problems.join(' | ')}`);
    assert.equal(err.problems.length, expected.length);
  });

  it('lists broken katas beside the good ones instead of failing the catalog', () => {
    const good = kataFolder('tiny', valid);
    const root = path.dirname(good);
    fs.writeFileSync(path.join(root, 'tracks.json'), tracks);
    fs.mkdirSync(path.join(root, 'half-done'));
    fs.writeFileSync(path.join(root, 'half-done', 'kata.json'), '{ not json');
    const catalog = loadCatalog(root);
    assert.deepEqual(catalog.katas.map((k) => k.meta.slug), ['tiny']);
    assert.deepEqual(catalog.tracks.map((t) => t.slug), ['basics']);
    assert.equal(catalog.broken.length, 1);
    assert.match(catalog.broken[0]!.message, /kata.json is not valid JSON/);
  });

  it('reports a kata whose track is not in tracks.json', () => {
    const root = path.dirname(kataFolder('tiny', { ...valid, 'kata.json': JSON.stringify({ ...meta, track: 'advanced' }) }));
    fs.writeFileSync(path.join(root, 'tracks.json'), tracks);
    const catalog = loadCatalog(root);
    assert.equal(catalog.katas.length, 0);
    assert.match(catalog.broken[0]!.message, /track "advanced" is not in tracks.json \(basics\)/);
  });

  it('orders katas by track, then by their order in it', () => {
    const root = path.dirname(kataFolder('tiny', { ...valid, 'kata.json': JSON.stringify({ ...meta, order: 2 }) }));
    fs.writeFileSync(path.join(root, 'tracks.json'), JSON.stringify([...JSON.parse(tracks), { slug: 'later', title: 'Later', description: 'Then.' }]));
    const second = { ...meta, slug: 'alpha', order: 1 };
    const third = { ...meta, slug: 'aardvark', track: 'later', order: 1 };
    for (const m of [second, third]) {
      fs.cpSync(path.join(root, 'tiny'), path.join(root, m.slug), { recursive: true });
      fs.writeFileSync(path.join(root, m.slug, 'kata.json'), JSON.stringify(m));
    }
    assert.deepEqual(loadCatalog(root).katas.map((k) => k.meta.slug), ['alpha', 'tiny', 'aardvark']);
  });
});
