// Resident memory of the platform as an operator runs it: `katabox serve` on its defaults (a
// SQLite file, the in-process runner) with its ready jails, read from /proc per process: idle,
// then after a first submission (which starts the type checker, a process of its own).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processTree, treeRssMb } from './measure.js';

const cli = fileURLToPath(new URL('../../bin/katabox.js', import.meta.url));

export interface ServerMemory {
  totalMb: number;
  serverMb: number;
  hostMb: number;
  /** The type checker, once a submission started it (0 before). */
  checkerMb: number;
  /** Each ready jail: bubblewrap and the candidate's Node waiting for its code. */
  jailMb: number[];
}

function read(serverPid: number): ServerMemory {
  const tree = processTree(serverPid);
  const host = tree.find((p) => p.parent === serverPid && p.args.includes('host/main.js'));
  const checker = tree.find((p) => p.parent === serverPid && p.args.includes('typecheck-worker.js'));
  const jails = tree.filter((p) => p.parent === host?.pid && p.args.includes('bwrap'));
  return {
    totalMb: tree.reduce((sum, p) => sum + p.rssMb, 0),
    serverMb: tree.find((p) => p.pid === serverPid)!.rssMb,
    hostMb: host?.rssMb ?? 0,
    checkerMb: checker?.rssMb ?? 0,
    jailMb: jails.map((j) => treeRssMb(j.pid)),
  };
}

/** Starts the server, lets its pool settle, reads its memory idle and after a first submission, and stops it. */
export async function serverMemory(settleMs = 3000): Promise<{ idle: ServerMemory; afterSubmit: ServerMemory }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-idle-'));
  const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', path.join(dir, 'katabox.db')], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let said = '';
      server.stderr.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        const serving = /Katabox is serving on (\S+)/.exec(said);
        if (serving) resolve(serving[1]!);
      });
      server.once('exit', (code) => reject(new Error(`katabox serve exited (${code}): ${said.trim()}`)));
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, settleMs));
    await settle();
    const idle = read(server.pid!);
    const code = 'require("node:http").createServer((q: any, s: any) => s.end("hi")).listen(3000);\n';
    const submitted = await fetch(`${url}/api/katas/hello-server/submissions?wait=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    if (submitted.status !== 201) throw new Error(`a submission answered HTTP ${submitted.status}`);
    await settle();
    return { idle, afterSubmit: read(server.pid!) };
  } finally {
    // A server that refused to start has exited already: waiting for its exit would never end.
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
