// `katabox serve` as an operator starts it (its defaults: a SQLite file in a temporary folder,
// the in-process runner), for the benchmarks that read its processes from /proc.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../bin/katabox.js', import.meta.url));

export interface ServedKatabox {
  url: string;
  pid: number;
  /** SIGTERM, its exit, and its folder removed. */
  stop(): Promise<void>;
}

/** Resolves once the server says where it serves; rejects, cleaned up, when it exits first (it refuses to serve unjailed). */
export async function serveKatabox(): Promise<ServedKatabox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-bench-'));
  // Fastify's log lines go to stdout, which nobody reads here; a pipe left unread would fill.
  const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', path.join(dir, 'katabox.db')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let said = '';
      server.stderr.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        const serving = /Katabox is serving on (\S+)/.exec(said);
        if (serving) resolve(serving[1]!);
      });
      void exited.then((code) => reject(new Error(`katabox serve exited (${code}): ${said.trim()}`)));
    });
    return { url, pid: server.pid!, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
