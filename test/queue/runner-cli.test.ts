// `katabox runner` as an operator starts it: it says what `katabox doctor` says of the host first,
// refuses a host that cannot jail candidates unless told otherwise, and names what it lacks.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { tempDir } from '../support/temp.js';

const bin = fileURLToPath(new URL('../../../bin/katabox.js', import.meta.url));

function runner(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [bin, 'runner', ...args], { env: { ...process.env, KATABOX_QUEUE: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

describe('katabox runner', () => {
  it('refuses a host that cannot jail candidates, after saying what katabox doctor says', async () => {
    const dir = tempDir('runner-cli');
    // A PATH without bwrap (or anything else): the host looks like one that cannot jail.
    const { code, output } = await runner(['--queue', 'redis://127.0.0.1:1', '--db', path.join(dir, 'k.db')], { PATH: dir });
    assert.equal(code, 1);
    assert.match(output, /off\s+namespaces/);
    assert.match(output, /Isolation: partial/);
    assert.match(output, /will not run untrusted code[\s\S]*--allow-weak-isolation/);
    assert.equal(fs.existsSync(path.join(dir, 'k.db')), false, 'nothing was opened');
  });

  it('needs a redis:// queue, and says so', async () => {
    const missing = await runner([]);
    assert.equal(missing.code, 2);
    assert.match(missing.output, /runner needs the queue: --queue redis:\/\//);
    const wrong = await runner(['--queue', 'postgres://localhost/katabox']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.output, /must be a redis:\/\/ .*URL/);
  });
});
