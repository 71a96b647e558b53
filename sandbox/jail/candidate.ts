// One candidate server process: started jailed, fed its code, watched, and killed with its tree.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Limits } from '../limits.js';
import type { IsolationReport } from '../result.js';
import { detectCapabilities, systemBinds, type Capabilities } from './capabilities.js';

/** 'off' exists for measuring what isolation costs; it is never used to serve anyone. */
export type IsolationMode = 'auto' | 'off';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const shimFile = fileURLToPath(new URL('./shim.cjs', import.meta.url));
const JAIL_SHIM = '/katabox/shim.cjs';
const JAIL_NODE = '/katabox/node';
/** bwrap writes the pid of the sandbox's init here, the handle to kill the whole pid namespace. */
const INFO_FD = 5;

class CappedText {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    const room = this.limit - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    if (chunk.length > room) this.truncated = true;
    const kept = chunk.subarray(0, room);
    this.chunks.push(kept);
    this.size += kept.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function nodeFlags(caps: Capabilities, limits: Limits, shim: string, isolated: boolean): string[] {
  const flags = [`--max-old-space-size=${limits.memoryMb}`, '--enable-source-maps', '--disable-warning=ExperimentalWarning'];
  if (isolated && caps.permissionFlag) flags.push(caps.permissionFlag, `--allow-fs-read=${shim}`, '--no-addons');
  // The shim is the main script: it reads the code from stdin itself, so Node must not.
  return [...flags, shim];
}

function rlimitPrefix(caps: Capabilities, limits: Limits): string[] {
  if (!caps.prlimit) return [];
  const args = [caps.prlimit, `--cpu=${limits.cpuSeconds}`, `--nofile=${limits.openFiles}`, '--core=0', '--fsize=1048576'];
  // RLIMIT_NPROC counts every process of the uid, so it is only safe with a uid per run slot.
  if (caps.bwrap && caps.dropUid) args.push(`--nproc=${limits.processes}`);
  return [...args, '--'];
}

interface Command {
  argv: string[];
  cwd: string;
  isolation: IsolationReport;
}

function jailedCommand(caps: Capabilities, limits: Limits, slot: number, privateDir: string): Command {
  const env = { PORT: '3000', HOME: '/tmp', TZ: 'UTC', LANG: 'C.UTF-8' };
  const layers = caps.layers.filter((l) => l.active).map((l) => l.name);
  if (!caps.bwrap) {
    return {
      argv: [...rlimitPrefix(caps, limits), process.execPath, ...nodeFlags(caps, limits, shimFile, true)],
      cwd: privateDir,
      isolation: { level: 'partial', layers: layers.filter((l) => l !== 'unprivileged-uid') },
    };
  }
  const uid = String(60_000 + slot);
  const drop = caps.dropUid && caps.setpriv ? [caps.setpriv, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--'] : [];
  const bwrap = [caps.bwrap, '--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', ...systemBinds(),
    '--ro-bind', process.execPath, JAIL_NODE, '--ro-bind', shimFile, JAIL_SHIM, '--proc', '/proc', '--dev', '/dev',
    '--size', String(16 * 1024 * 1024), '--tmpfs', '/tmp', '--chdir', '/tmp', '--clearenv', '--info-fd', String(INFO_FD),
    ...Object.entries(env).flatMap(([k, v]) => ['--setenv', k, v]), '--'];
  return {
    argv: [...rlimitPrefix(caps, limits), ...drop, ...bwrap, JAIL_NODE, ...nodeFlags(caps, limits, JAIL_SHIM, true)],
    cwd: privateDir,
    isolation: { level: 'full', layers },
  };
}

function bareCommand(caps: Capabilities, limits: Limits, privateDir: string): Command {
  return { argv: [process.execPath, ...nodeFlags(caps, limits, shimFile, false)], cwd: privateDir, isolation: { level: 'none', layers: [] } };
}

export class CandidateProcess {
  readonly listening: Promise<void>;
  readonly exited: Promise<ExitInfo>;
  private exitInfo: ExitInfo | undefined;
  private sandboxPid: number | undefined;
  private readonly stdout: CappedText;
  private readonly stderr: CappedText;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly isolation: IsolationReport,
    private readonly privateDir: string,
    limits: Limits,
  ) {
    this.stdout = new CappedText(limits.outputBytes);
    this.stderr = new CappedText(limits.outputBytes);
    child.stdout!.on('data', (c: Buffer) => this.stdout.push(c));
    child.stderr!.on('data', (c: Buffer) => this.stderr.push(c));
    child.stdin!.on('error', () => undefined); // the process may die before reading its code
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
      child.on('error', () => {
        this.exitInfo ??= { code: null, signal: null };
        resolve(this.exitInfo);
      });
    });
    const status = child.stdio[4] as NodeJS.ReadableStream;
    this.listening = new Promise((resolve) => {
      let seen = '';
      status.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('listening')) resolve();
      });
    });
    status.on('error', () => undefined);
    const info = (child.stdio as unknown as Array<NodeJS.ReadableStream | null | undefined>)[INFO_FD];
    let infoText = '';
    info?.on('data', (chunk: Buffer) => {
      infoText += chunk.toString();
      const pid = /"child-pid":\s*(\d+)/.exec(infoText);
      if (pid) this.sandboxPid = Number(pid[1]);
    });
    info?.on('error', () => undefined);
  }

  /** Starts a jailed Node that waits for its code on stdin, holding a listening socket the probes will use. */
  static async start(limits: Limits, slot: number, mode: IsolationMode = 'auto'): Promise<CandidateProcess> {
    const caps = detectCapabilities();
    const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-run-'));
    const command = mode === 'off' ? bareCommand(caps, limits, privateDir) : jailedCommand(caps, limits, slot, privateDir);
    const socket = net.createServer();
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.listen({ port: 0, host: '127.0.0.1', backlog: 64 }, resolve);
    });
    const port = (socket.address() as net.AddressInfo).port;
    const fd = (socket as unknown as { _handle: { fd: number } })._handle.fd;
    try {
      const child = spawn(command.argv[0]!, command.argv.slice(1), {
        cwd: command.cwd,
        env: command.isolation.level === 'none' ? { PORT: '3000' } : { PORT: '3000', HOME: command.cwd, TZ: 'UTC', LANG: 'C.UTF-8' },
        stdio: ['pipe', 'pipe', 'pipe', fd, 'pipe', 'pipe'],
        detached: true,
      });
      return new CandidateProcess(child, port, command.isolation, privateDir, limits);
    } finally {
      // The child holds its own copy of the socket; ours must not accept the probes' connections.
      socket.close();
    }
  }

  /** Hands over the compiled code; the shim runs it as soon as stdin closes. */
  send(js: string): void {
    this.child.stdin!.end(js);
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  get exit(): ExitInfo | undefined {
    return this.exitInfo;
  }

  logs(): { stdout: string; stderr: string; truncated: boolean } {
    return { stdout: this.stdout.text(), stderr: this.stderr.text(), truncated: this.stdout.truncated || this.stderr.truncated };
  }

  /** Kills every process of the run and waits for the exit (and the last output) to arrive. */
  async kill(): Promise<ExitInfo> {
    // Killing the sandbox's init ends its whole pid namespace while bwrap, its parent, is still
    // there to reap it: killing bwrap first would leave the init a zombie that counts against
    // the slot uid's process limit until the host's init gets round to it.
    if (this.sandboxPid !== undefined && this.alive) {
      try {
        process.kill(this.sandboxPid, 'SIGKILL');
      } catch {
        // already gone
      }
      await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
    }
    if (this.child.pid !== undefined && this.alive) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
    const info = await this.exited;
    await Promise.race([
      Promise.all([streamEnd(this.child.stdout), streamEnd(this.child.stderr)]),
      new Promise((resolve) => setTimeout(resolve, 200)),
    ]);
    fs.rmSync(this.privateDir, { recursive: true, force: true });
    return info;
  }
}

function streamEnd(stream: NodeJS.ReadableStream | null): Promise<void> {
  if (!stream || (stream as { readableEnded?: boolean }).readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
  });
}
