// Resident memory of the platform as an operator runs it: `katabox serve` on its defaults (a
// SQLite file, the in-process runner), idle with its ready jails, read from /proc per process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processTree } from './measure.js';

const cli = fileURLToPath(new URL('../../bin/katabox.js', import.meta.url));

export interface IdleMemory {
  totalMb: number;
  serverMb: number;
  hostMb: number;
  /** Each ready jail: bubblewrap and the candidate's Node waiting for its code. */
  jailMb: number[];
}

/** Starts the server, waits for the pool to settle, reads its memory and stops it. */
export async function idleServerMemory(settleMs = 3000): Promise<IdleMemory> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-idle-'));
  const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', path.join(dir, 'katabox.db')], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let said = '';
      server.stderr.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        if (said.includes('Katabox is serving on')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`katabox serve exited (${code}): ${said.trim()}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const tree = processTree(server.pid!);
    const host = tree.find((p) => p.parent === server.pid && p.args.includes('host/main.js'));
    const jails = tree.filter((p) => p.parent === host?.pid && p.args.includes('bwrap'));
    const under = (root: number) => processTree(root).reduce((sum, p) => sum + p.rssMb, 0);
    return {
      totalMb: tree.reduce((sum, p) => sum + p.rssMb, 0),
      serverMb: tree.find((p) => p.pid === server.pid)!.rssMb,
      hostMb: host?.rssMb ?? 0,
      jailMb: jails.map((j) => under(j.pid)),
    };
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
