// `katabox new` as a kata author uses it: scaffold, be told what is left to write, fill it in,
// record the first version. Runs the real CLI against a katas folder of its own.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = path.join(root, 'bin/katabox.js');
const katas = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-new-'));
fs.copyFileSync(path.join(root, 'katas/tracks.json'), path.join(katas, 'tracks.json'));
after(() => fs.rmSync(katas, { recursive: true, force: true }));

function katabox(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', KATABOX_KATAS: katas };
    execFile(process.execPath, [bin, ...args], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A server answering every request with this status, Content-Type and body. */
const server = (status: number, type: string, body: string) => `import { createServer } from 'node:http';
createServer((_req, res) => {
  res.writeHead(${status}, { 'Content-Type': '${type}' });
  res.end(${JSON.stringify(body)});
}).listen(Number(process.env.PORT) || 3000);
`;

/** What an author writes in place of the placeholders: a small "pong" kata. */
function fillIn(dir: string): void {
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'kata.json'), 'utf8')) as { hints: string[] };
  meta.hints = ['Every request gets the same answer.', "res.writeHead(200, { 'Content-Type': 'text/plain' }), then res.end('pong\\n')."];
  write('kata.json', JSON.stringify(meta, null, 2));
  write('prompt.md', '# Pong\n\nAnswer every request with 200, `Content-Type: text/plain` and the body `pong` and a newline.\n');
  write('debrief.md', '## Questions\n\n### Why set Content-Type?\nSo that the client knows how to read the bytes.\n');
  write('solution.ts', server(200, 'text/plain', 'pong\n'));
  write('probes.ts', `import { probe, expect } from 'katabox/probe';

probe('status-200', { name: 'answers 200', visibility: 'sample' }, async ({ http, rand }) => {
  expect((await http.get(rand.path())).status, 'status').toBe(200, 'every request gets 200');
});

probe('content-type', { name: 'Content-Type is text/plain' }, async ({ http, rand }) => {
  expect(await http.get(rand.path()), 'Content-Type').toHaveContentType('text/plain', 'the body is plain text');
});

probe('pong', { name: 'body is pong' }, async ({ http, rand }) => {
  expect((await http.get(rand.path())).body, 'body').toBe('pong\\n', 'exactly "pong" and a newline');
});
`);
  fs.rmSync(path.join(dir, 'wrong/example.ts'));
  const wrong = (name: string, fails: string, code: string) => write(`wrong/${name}.ts`, `// @fails: ${fails}\n// @why: a mistake.\n${code}`);
  wrong('not-found', 'status-200', server(404, 'text/plain', 'pong\n'));
  wrong('html', 'content-type', server(200, 'text/html', 'pong\n'));
  wrong('no-newline', 'pong', server(200, 'text/plain', 'pong'));
  wrong('shouting', 'pong', server(200, 'text/plain', 'PONG\n'));
}

describe('katabox new', () => {
  const dir = path.join(katas, 'pong');

  it('scaffolds a kata folder in the kata format, in the track asked for', async () => {
    const { code, stdout } = await katabox('new', 'pong', '--track', 'mistakes', '--title', 'Pong');
    assert.equal(code, 0, stdout);
    assert.match(stdout, /"Pong", number 1 of track mistakes/);
    for (const file of ['kata.json', 'prompt.md', 'starter.ts', 'solution.ts', 'probes.ts', 'debrief.md']) assert.ok(fs.existsSync(path.join(dir, file)), file);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'kata.json'), 'utf8'));
    assert.deepEqual([meta.slug, meta.title, meta.track, meta.order, meta.version], ['pong', 'Pong', 'mistakes', 1, 1]);
    assert.match((await katabox('list')).stdout, /^pong\s+easy\s+15 min\s+Pong/m);
  });

  it('refuses a folder that exists, a bad slug and an unknown track', async () => {
    const again = await katabox('new', 'pong');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /a kata folder "pong" exists already/);
    assert.equal((await katabox('new', 'Not_A_Slug')).code, 2);
    const track = await katabox('new', 'other', '--track', 'no-such-track');
    assert.equal(track.code, 2);
    assert.match(track.stderr, /unknown track "no-such-track"; tracks: raw-http, mistakes/);
    assert.equal(fs.existsSync(path.join(katas, 'other')), false);
  });

  it('fails validate while the placeholders are there, naming each one, and runs nothing', async () => {
    const { code, stdout } = await katabox('validate', 'pong');
    assert.equal(code, 1, stdout);
    for (const file of ['kata.json', 'prompt.md', 'solution.ts', 'probes.ts', 'debrief.md', 'wrong/example.ts']) {
      assert.match(stdout, new RegExp(`✗ ${file.replace('.', '\\.')} still holds the placeholder of \`katabox new\`: \\w`));
    }
    assert.match(stdout, /✗ wrong\/ holds 1 known-wrong solution\(s\); a kata needs at least 4/);
    assert.doesNotMatch(stdout, /reference solution scores 100/);
    assert.equal(fs.existsSync(path.join(dir, 'versions.json')), false);
  });

  it('validates once filled in: first the unrecorded version, then recorded and valid', async () => {
    fillIn(dir);
    const unrecorded = await katabox('validate', 'pong');
    assert.equal(unrecorded.code, 1, unrecorded.stdout);
    assert.match(unrecorded.stdout, /version 1 is not in versions\.json: record it with `katabox validate --record pong`/);
    assert.match(unrecorded.stdout, /✓ reference solution scores 100/);
    assert.equal(unrecorded.stdout.match(/✓ wrong\//g)?.length, 4);

    const recorded = await katabox('validate', '--record', 'pong');
    assert.equal(recorded.code, 0, recorded.stdout);
    assert.match(recorded.stdout, /pong: recorded version 1/);
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'versions.json'), 'utf8'))), ['1']);

    const valid = await katabox('validate', 'pong');
    assert.equal(valid.code, 0, valid.stdout);
    assert.match(valid.stdout, /all 1 kata\(s\) valid/);
  });
});
