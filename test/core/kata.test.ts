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

const valid = {
  'kata.json': JSON.stringify({ slug: 'tiny', title: 'Tiny', difficulty: 'easy', tags: ['http'], minutes: 5, version: 1 }),
  'prompt.md': '# Tiny\n',
  'starter.ts': 'export {};\n',
  'solution.ts': 'export {};\n',
  'probes.ts': "import { probe } from 'katabox/probe';\n",
  'wrong/nothing.ts': '// @fails: some probe\n// @why: it does nothing\nexport {};\n',
};

describe('kata loader', () => {
  it('loads a complete kata with its wrong solutions and the probes they fail', () => {
    const kata = loadKata(kataFolder('tiny', valid));
    assert.equal(kata.meta.title, 'Tiny');
    assert.deepEqual(kata.wrong.map((w) => [w.name, w.fails, w.why]), [['nothing', ['some probe'], 'it does nothing']]);
  });

  it('names every problem of a broken kata', () => {
    const dir = kataFolder('tiny', {
      ...valid,
      'kata.json': JSON.stringify({ slug: 'other', title: '', difficulty: 'extreme', tags: [], minutes: 0, version: 1, colour: 'red', limits: { wallMs: 5 } }),
      'prompt.md': '',
      'wrong/nothing.ts': 'export {};\n',
    });
    fs.rmSync(path.join(dir, 'solution.ts'));
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
      /difficulty must be one of easy, medium, hard/,
      /tags must be a non-empty array/,
      /minutes must be an integer/,
      /unknown field "colour"/,
      /limit wallMs must be an integer from 500/,
      /prompt \(prompt.md\) is empty/,
      /reference solution is missing: expected solution.ts/,
      /wrong\/nothing.ts must name the probe\(s\) it fails/,
    ];
    for (const pattern of expected) assert.ok(err.problems.some((p) => pattern.test(p)), `missing problem ${pattern}: ${err.problems.join(' | ')}`);
    assert.equal(err.problems.length, expected.length);
  });

  it('lists broken katas beside the good ones instead of failing the catalog', () => {
    const good = kataFolder('tiny', valid);
    const root = path.dirname(good);
    fs.mkdirSync(path.join(root, 'half-done'));
    fs.writeFileSync(path.join(root, 'half-done', 'kata.json'), '{ not json');
    const catalog = loadCatalog(root);
    assert.deepEqual(catalog.katas.map((k) => k.meta.slug), ['tiny']);
    assert.equal(catalog.broken.length, 1);
    assert.match(catalog.broken[0]!.message, /kata.json is not valid JSON/);
  });
});
