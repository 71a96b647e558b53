// One candidate server process: started jailed, fed its code, watched, and killed with every
// process it started. The trusted side only ever talks to it through pipes and the listening
// socket it hands over: no host path is shared with the candidate, so nothing privileged ever
// reads, writes or removes a file the candidate could have planted.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import type { Readable } from 'node:stream';
import type { Transpiled } from '../compile/transpile.js';
import type { Limits } from '../limits.js';
import { childrenOf } from '../process-table.js';
import type { IsolationReport } from '../result.js';
import { detectCapabilities } from './capabilities.js';
import { RunCgroup } from './cgroup.js';
import { bareCommand, candidateEnv, FIRST_UID, INFO_FD, jailCommand } from './command.js';

/** 'off' exists for measuring what isolation costs; it is never used to serve anyone. */
export type IsolationMode = 'auto' | 'off';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The run's cgroup killed it for using more memory than allowed. */
  oomKilled: boolean;
  /** CPU time of every process of the run, where a cgroup counted it. */
  cpuMs: number | undefined;
}

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

/** bwrap reports a signal that ended the candidate as exit status 128 + its number. */
function unwrapSignal(code: number | null, signal: NodeJS.Signals | null): Pick<ExitInfo, 'code' | 'signal'> {
  const name = code !== null && code > 128 ? Object.entries(os.constants.signals).find(([, n]) => n === code - 128)?.[0] : undefined;
  return name ? { code: null, signal: name as NodeJS.Signals } : { code, signal };
}

/** Calls `onLine` for each line the shim writes; holds at most a short partial line, whatever floods the pipe. */
function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('latin1')).split('\n');
    partial = lines.pop()!.slice(-16);
    for (const line of lines) onLine(line);
  });
  stream.on('error', () => undefined);
}

/** The signals a probe may send the candidate's server, to see it shut down. */
export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

export class CandidateProcess {
  readonly listening: Promise<void>;
  /** The signal a probe sent, if any: the process ending after it is what the probe asked for. */
  signalled: ShutdownSignal | undefined;
  readonly exited: Promise<ExitInfo>;
  private started = false;
  private exitInfo: ExitInfo | undefined;
  private sandboxPid: number | undefined;
  private readonly stdout: CappedText;
  private readonly stderr: CappedText;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly isolation: IsolationReport,
    private readonly cgroup: RunCgroup | undefined,
    private readonly viaBwrap: boolean,
    limits: Limits,
  ) {
    this.stdout = new CappedText(limits.outputBytes);
    this.stderr = new CappedText(limits.outputBytes);
    child.stdout!.on('data', (c: Buffer) => this.stdout.push(c));
    child.stderr!.on('data', (c: Buffer) => this.stderr.push(c));
    child.stdin!.on('error', () => undefined); // the process may die before reading its code
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        const usage = cgroup?.usage();
        const how = viaBwrap ? unwrapSignal(code, signal) : { code, signal };
        this.exitInfo = { ...how, oomKilled: usage?.oomKilled ?? false, cpuMs: usage?.cpuMs };
        resolve(this.exitInfo);
      });
      child.on('error', () => {
        this.exitInfo ??= { code: null, signal: null, oomKilled: false, cpuMs: undefined };
        resolve(this.exitInfo);
      });
    });
    const status = child.stdio[4] as Readable;
    this.listening = new Promise((resolve) => {
      readLines(status, (line) => {
        if (line === 'ready') this.started = true;
        if (line !== 'listening') return;
        resolve();
        // Nothing more is expected on this pipe; whatever the candidate writes there is ignored.
        status.destroy();
      });
    });
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
    const uid = FIRST_UID + slot;
    // Named after the uid, which the slot lease makes unique on this host.
    const cgroup = mode === 'auto' && caps.cgroups ? await RunCgroup.create(caps.cgroups, `uid-${uid}`, limits) : undefined;
    const command = mode === 'off' ? bareCommand(limits) : jailCommand(caps, limits, uid, cgroup?.procsFiles ?? []);
    const socket = net.createServer();
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.listen({ port: 0, host: '127.0.0.1', backlog: 64 }, resolve);
    });
    const port = (socket.address() as net.AddressInfo).port;
    const fd = (socket as unknown as { _handle: { fd: number } })._handle.fd;
    try {
      const child = spawn(command.argv[0]!, command.argv.slice(1), {
        cwd: '/',
        env: candidateEnv,
        stdio: ['pipe', 'pipe', 'pipe', fd, 'pipe', 'pipe'],
        detached: true,
      });
      return new CandidateProcess(child, port, command.isolation, cgroup, command.viaBwrap, limits);
    } finally {
      // The child holds its own copy of the socket; ours must not accept the probes' connections.
      socket.close();
    }
  }

  /** Hands over the compiled code, its format on the first line; the shim runs it as soon as stdin closes. */
  send({ js, format }: Pick<Transpiled, 'js' | 'format'>): void {
    this.child.stdin!.end(`${format}\n${js}`);
  }

  /** The shim started: the jail was set up and Node runs in it. */
  get booted(): boolean {
    return this.started;
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  get exit(): ExitInfo | undefined {
    return this.exitInfo;
  }

  /**
   * Sends `signal` to the candidate's Node process; false when it is not running. In a jail
   * that is the one child of the sandbox's init, which would not pass a signal on; elsewhere
   * every layer before Node execs the next, so the spawned pid is Node's.
   */
  signal(signal: ShutdownSignal): boolean {
    if (!this.alive) return false;
    const pid = this.viaBwrap ? (this.sandboxPid === undefined ? undefined : childrenOf(this.sandboxPid)[0]) : this.child.pid;
    if (pid === undefined) return false;
    try {
      process.kill(pid, signal);
    } catch {
      return false; // it exited meanwhile
    }
    this.signalled = signal;
    return true;
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
    // Whatever left the process group (there is no pid namespace without bwrap) is still in the cgroup.
    await this.cgroup?.remove();
    await Promise.race([
      Promise.all([streamEnd(this.child.stdout), streamEnd(this.child.stderr)]),
      new Promise((resolve) => setTimeout(resolve, 200)),
    ]);
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
