// The `katabox` command as a learner and a kata author use it.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { tempDir } from '../support/temp.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = path.join(root, 'bin/katabox.js');
/** Every kata folder shipped. */
const slugs = fs.readdirSync(path.join(root, 'katas'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

function katabox(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function tempFile(name: string, text: string): string {
  const file = path.join(tempDir('cli'), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('katabox CLI', () => {
  it('lists the five katas of the lesson with difficulty and tags', async () => {
    const { code, stdout } = await katabox('list');
    assert.equal(code, 0);
    for (const slug of slugs) assert.match(stdout, new RegExp(`^${slug}\\s+(easy|medium|hard)\\s+\\d+ min .+`, 'm'));
    const json = JSON.parse((await katabox('list', '--json')).stdout) as Array<{ slug: string; tags: string[] }>;
    assert.deepEqual(json.map((k) => k.slug).sort(), [...slugs].sort());
    assert.ok(json.every((k) => k.tags.length > 0));
  });

  it('stops quietly when its reader closes the pipe early (`katabox validate | head -1`)', async () => {
    const child = spawn(process.execPath, [bin, 'validate', 'hello-server'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [firstLine] = (await once(child.stdout, 'data')) as [Buffer];
    child.stdout.destroy();
    const [code] = (await once(child, 'close')) as [number];
    assert.match(firstLine.toString(), /^hello-server/);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
    assert.equal(code, 0);
  });

  it('checks a correct solution: exit 0 and every probe ticked', async () => {
    const { code, stdout } = await katabox('check', 'hello-server', path.join(root, 'katas/hello-server/solution.ts'));
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^hello-server: passed, score 100\/100/m);
    assert.doesNotMatch(stdout, /✗/);
  });

  it('checks a wrong solution: exit 1, the failing probe and what was sent', async () => {
    const file = tempFile('wrong.ts', `import http from 'node:http';
http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('Hello from raw Node!\\n'); }).listen(3000);
`);
    const { code, stdout } = await katabox('check', 'hello-server', file);
    assert.equal(code, 1);
    assert.match(stdout, /hello-server: failed/);
    assert.match(stdout, /✗ Content-Type is text\/plain/);
    assert.match(stdout, /got "text\/html"/);
    assert.match(stdout, /sent: +curl -i 'http:\/\/localhost:3000\//);
  });

  it('prints the result JSON with --json', async () => {
    const file = tempFile('broken.ts', 'const = 1;\n');
    const { code, stdout } = await katabox('check', 'hello-server', file, '--json');
    assert.equal(code, 1);
    const result = JSON.parse(stdout);
    assert.deepEqual(Object.keys(result).sort(), ['diagnostics', 'isolation', 'kata', 'kataVersion', 'logs', 'message', 'mode', 'probes', 'score', 'seed', 'status', 'timings'].sort());
    assert.equal(result.status, 'compile_error');
    assert.equal(result.diagnostics[0].line, 1);
  });

  it('answers usage errors with exit 2 and says what is known', async () => {
    const unknown = await katabox('check', 'no-such-kata', path.join(root, 'katas/hello-server/solution.ts'));
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown kata "no-such-kata"; known katas: .*hello-server/);
    const missing = await katabox('check', 'hello-server', '/nonexistent/file.ts');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read \/nonexistent\/file.ts: ENOENT/);
    const badSeed = await katabox('check', 'hello-server', path.join(root, 'katas/hello-server/solution.ts'), '--seed', 'abc');
    assert.equal(badSeed.code, 2);
    assert.equal((await katabox('frobnicate')).code, 2);
  });

  it('validates every kata: reference 100, starter below, each wrong solution fails its named probes', async () => {
    const { code, stdout } = await katabox('validate');
    assert.equal(code, 0, stdout);
    for (const slug of slugs) assert.match(stdout, new RegExp(`^${slug}$`, 'm'));
    assert.match(stdout, new RegExp(`all ${slugs.length} kata\\(s\\) valid`));
    assert.doesNotMatch(stdout, /✗/);
    const wrongFiles = slugs.flatMap((s) => fs.readdirSync(path.join(root, 'katas', s, 'wrong')));
    assert.equal(stdout.match(/✓ wrong\//g)?.length, wrongFiles.length);
  });

  /** `katabox validate` over a copy of hello-server that `change` has altered. */
  async function validateChanged(change: (dir: string) => void): Promise<{ code: number; stdout: string }> {
    const dir = tempDir('katas');
    fs.cpSync(path.join(root, 'katas/hello-server'), path.join(dir, 'hello-server'), { recursive: true });
    fs.cpSync(path.join(root, 'katas/tracks.json'), path.join(dir, 'tracks.json'));
    change(path.join(dir, 'hello-server'));
    return new Promise((resolve) => {
      execFile(process.execPath, [bin, 'validate', 'hello-server'], { env: { ...process.env, NO_COLOR: '1', KATABOX_KATAS: dir } }, (err, out) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: out }));
    });
  }

  it('validate catches a kata whose wrong solution passes', async () => {
    const { code, stdout } = await validateChanged((kata) => {
      const solution = fs.readFileSync(path.join(kata, 'solution.ts'), 'utf8');
      fs.writeFileSync(path.join(kata, 'wrong/actually-right.ts'), `// @fails: status-200\n${solution}`);
    });
    assert.equal(code, 1);
    assert.match(stdout, /✗ wrong\/actually-right fails exactly: status-200\n\s+passed status-200/);
  });

  it('validate catches probes changed without a version bump', async () => {
    const { code, stdout } = await validateChanged((kata) => {
      const probes = path.join(kata, 'probes.ts');
      fs.writeFileSync(probes, fs.readFileSync(probes, 'utf8').replace("'answers with status 200'", "'answers 200'").replace('toBe(200', 'toBeOneOf([200, 201]'));
    });
    assert.equal(code, 1);
    assert.match(stdout, /✗ probes are those of version \d+\n\s+the probes or limits changed since version \d+ was released: bump "version"/);
  });
});
