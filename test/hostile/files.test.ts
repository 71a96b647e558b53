// A candidate reads nothing of the host: not the repository, not a kata's reference solution or
// probes, not the database, not the platform's environment, and writes or deletes nothing there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { kataDir } from '../support/runs.js';
import type { RunResult } from '../../sandbox/index.js';
import { afterAttempts, assertAllRefused, assertNowhereIn, attempts, bounded, canaryFile, tempDir, timedRun, token } from './support.js';

// Set before the first run starts the runner host, which inherits the platform's environment.
const envSecret = token('env-secret');
process.env.KATABOX_CANARY_SECRET = envSecret;

const hosts = canaryFile('secret.txt');
const database = canaryFile('katabox.db');
const reference = path.join(kataDir('hello-server'), 'solution.ts');
const probes = path.join(kataDir('hello-server'), 'probes.ts');
const repoFile = path.resolve(kataDir('hello-server'), '../../package.json');
/** A line only that file has, to look for in a result. */
const longestLine = (file: string) => fs.readFileSync(file, 'utf8').split('\n').sort((a, b) => b.length - a.length)[0]!.trim();

describe('host files', bounded, () => {
  it('reads no host file and no platform secret, by any path', async () => {
    const targets = [hosts.file, database.file, reference, probes, repoFile, `/proc/${process.pid}/environ`, `/proc/${process.pid}/root${hosts.file}`,
      `/proc/self/root${hosts.file}`, `../../../..${hosts.file}`, '/proc/1/environ', '/etc/passwd', os.tmpdir(), path.dirname(hosts.file)];
    const { result } = await timedRun(afterAttempts(`
const fs = require('node:fs');
for (const target of ${JSON.stringify(targets)}) {
  outcome('read ' + target, () => fs.readFileSync(target, 'utf8'));
  outcome('list ' + target, () => fs.readdirSync(target).join(','));
}
outcome('env', () => { const extra = Object.keys(process.env).filter((k) => !['PORT', 'HOME', 'TZ', 'LANG', 'PWD'].includes(k)); if (extra.length) return extra.join(','); throw new Error('clean'); });
`));
    assert.equal(result.status, 'passed', result.message);
    assertAllRefused(result, /^(ERR_ACCESS_DENIED|ENOENT|clean)$/);
    assert.equal(attempts(result).size, targets.length * 2 + 1);
    assertNowhereIn(result, [hosts.secret, database.secret, envSecret, longestLine(reference), longestLine(probes), longestLine(repoFile)]);
  });

  it('writes, deletes and fills nothing on the host', async () => {
    const marker = token('written');
    const dir = tempDir('canary');
    const victim = path.join(dir, 'keep.txt');
    fs.writeFileSync(victim, 'keep me\n', { mode: 0o666 });
    fs.chmodSync(dir, 0o777);
    const before = { text: fs.readFileSync(victim, 'utf8'), mtime: fs.statSync(victim).mtimeMs, entries: fs.readdirSync(dir) };
    const places = [dir, os.tmpdir(), path.dirname(reference), '/tmp'];
    const { result } = await timedRun(afterAttempts(`
const fs = require('node:fs');
const victim = ${JSON.stringify(victim)};
outcome('overwrite', () => fs.writeFileSync(victim, 'owned'));
outcome('append', () => fs.appendFileSync(victim, 'owned'));
outcome('truncate', () => fs.truncateSync(victim));
outcome('chmod', () => fs.chmodSync(victim, 0o600));
outcome('rename', () => fs.renameSync(victim, victim + '.moved'));
outcome('unlink', () => fs.unlinkSync(victim));
outcome('rm -r', () => fs.rmSync(${JSON.stringify(dir)}, { recursive: true, force: true }));
for (const place of ${JSON.stringify(places)}) {
  outcome('create in ' + place, () => fs.writeFileSync(place + '/${marker}', 'x'));
  outcome('mkdir in ' + place, () => fs.mkdirSync(place + '/${marker}.d'));
  outcome('symlink in ' + place, () => fs.symlinkSync(victim, place + '/${marker}.link'));
}
outcome('fill the disk', () => { const mb = Buffer.alloc(1 << 20, 1); for (let i = 0; i < 1024; i++) fs.appendFileSync('/tmp/${marker}.fill', mb); });
`));
    assert.equal(result.status, 'passed', result.message);
    assertAllRefused(result, /^ERR_ACCESS_DENIED$/);
    assert.deepEqual({ text: fs.readFileSync(victim, 'utf8'), mtime: fs.statSync(victim).mtimeMs, entries: fs.readdirSync(dir) }, before);
    for (const place of places) assert.deepEqual(fs.readdirSync(place).filter((name) => name.includes(marker)), [], `something was written in ${place}`);
  });

  it('inherits no descriptor from whoever started the platform', async () => {
    // A supervisor or a shell redirection can leave descriptors open without close-on-exec, like this one at fd 40.
    const inherited = canaryFile('inherited.txt');
    const code = path.join(tempDir('code'), 'reader.ts');
    fs.writeFileSync(code, afterAttempts(`
const fs = require('node:fs');
for (let fd = 3; fd < 300; fd++) outcome('fd ' + fd, () => { const b = Buffer.alloc(100); return b.subarray(0, fs.readSync(fd, b, 0, 100, 0)).toString(); });
`));
    const cli = path.resolve(kataDir('hello-server'), '../../bin/katabox.js');
    const fd = fs.openSync(inherited.file, 'r');
    const child = spawn(process.execPath, [cli, 'check', 'hello-server', code, '--json'], { stdio: ['ignore', 'pipe', 'ignore', ...Array(37).fill('ignore'), fd] });
    fs.closeSync(fd);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    await new Promise((resolve) => child.on('close', resolve));
    const result = JSON.parse(out) as RunResult;
    assert.equal(result.status, 'passed', result.message);
    assert.equal(attempts(result).size, 297);
    assertNowhereIn(result, [inherited.secret]);
  });
});
