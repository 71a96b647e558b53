// A throwaway PostgreSQL cluster for tests: initdb in a temp folder, the server on a free port
// with its unix socket in that folder, stopped and removed when the test file's tests end. As
// root (how the tests run in CI) the cluster belongs to the `postgres` system user, since
// PostgreSQL refuses to run as root. One cluster per test file; `database()` gives each test an
// empty database of its own in a few milliseconds.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after } from 'node:test';
import pg from 'pg';

export interface Postgres {
  /** postgres://… of the cluster's own `postgres` database. */
  url: string;
  /** A new, empty database; its URL. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

const missing = 'PostgreSQL is not installed: install the Debian package `postgresql` (apt-get install postgresql)';

function binDir(): string {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates = [fromConfig.status === 0 ? fromConfig.stdout.trim() : ''];
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    // The newest version first.
    for (const v of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(root, v, 'bin'));
  }
  const found = candidates.find((dir) => dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres')));
  if (!found) throw new Error(missing);
  return found;
}

/** The command line that runs a program as the cluster's owner: `postgres` when we are root. */
function asOwner(program: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [program, args];
  if (spawnSync('id', ['-u', 'postgres']).status !== 0) throw new Error(`${missing}; it also makes the \`postgres\` system user the cluster runs as`);
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', program, ...args]];
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ready(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await sleep(50);
    }
  }
  throw new Error(`postgres did not accept connections within 15 s:\n${log()}`);
}

/**
 * For a test file's top level: the file's cluster, started when first asked for (so a file pays
 * for it only if it uses it), then stopped and its folder removed after the file's tests.
 */
export function postgresForThisFile(): () => Promise<Postgres> {
  let cluster: Promise<Postgres> | undefined;
  after(async () => {
    await (await cluster?.catch(() => undefined))?.stop();
  });
  return () => (cluster ??= startPostgres());
}

/** Starts a cluster; `stop()` ends it and removes its folder. */
export async function startPostgres(): Promise<Postgres> {
  const bin = binDir();
  // Not temp.ts's: the folder must outlive the server, which stops in a hook of its own.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) fs.chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout));
  const init = spawnSync(...asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']), { encoding: 'utf8' });
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}):\n${init.stderr || init.error?.message}`);
  }

  let child: ChildProcess | undefined;
  let output = '';
  let url = '';
  // Another process may take the port between our look and postgres's bind: try again then.
  for (let attempt = 0; attempt < 5 && !url; attempt++) {
    const port = await freePort();
    output = '';
    // Durability is of no use to a throwaway cluster; fsync off makes it much quicker.
    child = spawn(...asOwner(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']), { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const candidate = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      await ready(candidate, child, () => output);
      url = candidate;
    } catch (err) {
      if (child.exitCode === null) child.kill('SIGKILL');
      if (!/could not bind|Address already in use/.test(output) || attempt === 4) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }

  const server = child!;
  const exited = new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', () => resolve())));
  let count = 0;
  const stop = async () => {
    if (server.exitCode === null) {
      // SIGINT: PostgreSQL's fast shutdown (ends sessions, no checkpoint wait).
      server.kill('SIGINT');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return {
    url,
    async database() {
      const name = `test_${process.pid}_${++count}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url.replace(/\/postgres$/, `/${name}`);
    },
    stop,
  };
}
