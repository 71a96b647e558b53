// `katabox serve` as an operator starts it: port and database from flags or environment, and
// a refusal (or a loud warning) when the host cannot jail candidate code.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

const bin = fileURLToPath(new URL('../../../bin/katabox.js', import.meta.url));
let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-serve-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Started {
  url?: string;
  stderr: string;
  stdout: string;
  /** Stops the server (if it started) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Runs `katabox serve` until it says where it serves, or until it exits. */
function serve(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // 'close', not 'exit': by then everything the server printed has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  return new Promise((resolve) => {
    const started = (url?: string) =>
      resolve({
        url,
        get stderr() {
          return stderr;
        },
        get stdout() {
          return stdout;
        },
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      const serving = /Katabox is serving on (\S+)/.exec(stderr);
      if (serving) started(serving[1]);
    });
    void exited.then(() => started());
  });
}

/** A PATH without bwrap (or anything else), so the host looks like one that cannot jail. */
const noJail = () => {
  const empty = path.join(dir, 'empty-bin');
  fs.mkdirSync(empty, { recursive: true });
  return { PATH: empty };
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('katabox serve', () => {
  it('refuses to serve when candidates cannot be jailed, and says how to opt in', async () => {
    const run = await serve(['--db', path.join(dir, 'refused.db')], noJail());
    assert.equal(run.url, undefined);
    assert.equal(await run.stop(), 1);
    assert.match(run.stderr, /will not serve untrusted code/);
    assert.match(run.stderr, /--allow-weak-isolation/);
    assert.equal(fs.existsSync(path.join(dir, 'refused.db')), false);
  });

  it('serves with --allow-weak-isolation, warning loudly', async () => {
    const run = await serve(['--db', path.join(dir, 'weak.db'), '--allow-weak-isolation'], noJail());
    try {
      assert.ok(run.url, run.stderr);
      assert.match(run.stderr, /PARTIAL ISOLATION/);
      assert.equal(((await (await fetch(`${run.url}/api/health`)).json()) as { isolation: string }).isolation, 'partial');
    } finally {
      assert.equal(await run.stop(), 0);
    }
  });

  it('prints one address to open, with the isolation level beside it', async () => {
    const run = await serve(['--db', path.join(dir, 'address.db'), '--allow-weak-isolation'], noJail());
    assert.equal(await run.stop(), 0);
    assert.match(run.stderr, /^Katabox is serving on http:\/\/localhost:\d+ \(isolation: partial\b/m);
    assert.deepEqual([...(run.stdout + run.stderr).matchAll(/https?:\/\/\S+/g)].map((m) => m[0]), [run.url]);
  });

  it('takes the port from PORT and the database from KATABOX_DB, flags winning over both', async () => {
    const port = await freePort();
    const fromEnv = path.join(dir, 'env.db');
    const fromFlag = path.join(dir, 'flag.db');
    const child = spawn(process.execPath, [bin, 'serve', '--db', fromFlag, '--allow-weak-isolation'], {
      env: { ...process.env, PORT: String(port), KATABOX_DB: fromEnv },
      stdio: 'ignore',
    });
    try {
      let health: Response | undefined;
      for (let i = 0; i < 100 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => sleep(100, undefined));
      }
      assert.equal(health?.status, 200);
      assert.ok(fs.existsSync(fromFlag), 'the --db file is created on first start');
      assert.equal(fs.existsSync(fromEnv), false);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
