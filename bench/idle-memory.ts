// Resident memory of the platform as an operator runs it: `katabox serve` on its defaults (a
// SQLite file, the in-process runner) with its ready jails, read from /proc per process: idle,
// then after a first submission (which starts the type checker, a process of its own).
import { serveKatabox } from './katabox-serve.js';
import { processTree, treeRssMb } from './measure.js';

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
  const server = await serveKatabox();
  try {
    const settle = () => new Promise((resolve) => setTimeout(resolve, settleMs));
    await settle();
    const idle = read(server.pid);
    const code = 'require("node:http").createServer((q: any, s: any) => s.end("hi")).listen(3000);\n';
    const submitted = await fetch(`${server.url}/api/katas/hello-server/submissions?wait=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    if (submitted.status !== 201) throw new Error(`a submission answered HTTP ${submitted.status}`);
    await settle();
    return { idle, afterSubmit: read(server.pid) };
  } finally {
    await server.stop();
  }
}
