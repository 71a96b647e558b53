// Type errors are worth showing but never block a run, so checking happens in a process of its
// own, after the run. Candidate code decides how hard the checker works: a few recursive
// conditional types keep it busy for minutes and gigabytes. So each check has a limit on the CPU
// time it uses, the process a memory cap, and a check that overruns either is cut off with its
// process, which is replaced. The limit counts CPU time, not time waited: behind a busy runner
// the checker may wait seconds for the CPU, and cutting it off then would tell the learner their
// code is too complex and make the platform parse Node's typings again, just when it is busiest.
// One process serves everyone, so askers take turns: each has at most one check waiting.
//
// The process is a session of its own, which Linux schedules as a group of its own: every jail is
// one too (bwrap's --new-session), and a nice value only counts against the processes of the same
// group. Lowered there (typecheck-worker.ts), the checker's group yields the CPU to the jails, the
// runner host and the web server alike; a thread of the web server could only yield to the server.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuTimes } from '../process-table.js';
import type { Diagnostic } from '../result.js';

export interface TypeCheckerOptions {
  /** A checker left unused this long (default ten minutes) gives its memory back: TypeScript and Node's typings hold about 150 MB. */
  idleMs?: number;
  /** The CPU time one check may use (default 5 s); a check still unfinished after WALL_FACTOR times that, waiting or not, is cut off too. */
  timeLimitMs?: number;
  /** The checker process's heap cap (default 512 MB). */
  memoryLimitMb?: number;
}

export interface CheckOptions {
  /** Who asked (a learner): a newer check of theirs replaces their older one still waiting, and askers are served in turn. */
  key: string;
}

/** The start of the one diagnostic a check that overran its limits reports. */
export const TOO_COMPLEX = 'type check skipped: too complex';

interface Pending {
  code: string;
  resolve: (diagnostics: Diagnostic[] | undefined) => void;
}

type Reply = { ready: true } | { id: number; diagnostics?: Diagnostic[]; error?: string };

const defaults: Required<TypeCheckerOptions> = { idleMs: 10 * 60_000, timeLimitMs: 5_000, memoryLimitMb: 512 };
/** How much longer than its CPU limit a check may take in all: a bound for a checker that is starved or stopped. */
const WALL_FACTOR = 12;

function tooComplex(why: string): Diagnostic[] {
  return [{ line: 1, column: 1, message: `${TOO_COMPLEX} (${why}); the code still runs and is scored`, severity: 'warning', kind: 'type' }];
}

export class TypeChecker {
  private readonly options: Required<TypeCheckerOptions>;
  private worker: ChildProcess | undefined;
  private ready = false;
  /** Checks not yet started, oldest asker first (a Map keeps the place of a key that is set again). */
  private readonly waiting = new Map<string, Pending>();
  private current: (Pending & { id: number; timer: NodeJS.Timeout }) | undefined;
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(options: TypeCheckerOptions = {}) {
    this.options = { ...defaults, ...options };
  }

  /** Whether TypeScript is in memory. */
  get loaded(): boolean {
    return this.worker !== undefined;
  }

  /**
   * The code's type errors; a single warning starting with TOO_COMPLEX when the check overran its
   * time or memory; undefined when a newer check by the same key replaced it before it started,
   * or the checker failed or was closed.
   */
  check(code: string, { key }: CheckOptions): Promise<Diagnostic[] | undefined> {
    clearTimeout(this.idleTimer);
    return new Promise((resolve) => {
      this.waiting.get(key)?.resolve(undefined);
      this.waiting.set(key, { code, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const pending of this.waiting.values()) pending.resolve(undefined);
    this.waiting.clear();
    this.settle(undefined);
    await this.stopWorker();
  }

  private pump(): void {
    if (this.current) return;
    const next = this.waiting.entries().next();
    if (next.done) return this.armIdle();
    const worker = this.ensureWorker();
    hold(worker, true); // someone awaits a check
    if (!this.ready) return; // the 'ready' message pumps again
    const [key, pending] = next.value;
    this.waiting.delete(key);
    const id = ++this.nextId;
    const pid = worker.pid!;
    const since = { cpu: cpuTimes(pid)?.own, wall: performance.now() };
    this.current = { ...pending, id, timer: this.watch(id, pid, since, this.options.timeLimitMs) };
    worker.send({ id, code: pending.code });
  }

  /**
   * Looks at check `id` again after `delay` ms: cut off once it has used its CPU time, or taken
   * WALL_FACTOR times that in all; otherwise looked at again when it could have used the rest.
   * Where /proc cannot tell the checker's CPU time, the time waited counts as used.
   */
  private watch(id: number, pid: number, since: { cpu: number | undefined; wall: number }, delay: number): NodeJS.Timeout {
    return setTimeout(() => {
      if (this.current?.id !== id) return;
      const limit = this.options.timeLimitMs;
      const waited = performance.now() - since.wall;
      let used = waited;
      if (since.cpu !== undefined) {
        const now = cpuTimes(pid)?.own;
        // A checker that has just gone is told of by its 'close', with the reason.
        if (now === undefined) return;
        used = now - since.cpu;
      }
      if (used >= limit) return this.overrun(`it ran past ${limit / 1000} s`);
      if (waited >= limit * WALL_FACTOR) return this.overrun(`it was still unfinished after ${(limit * WALL_FACTOR) / 1000} s`);
      this.current.timer = this.watch(id, pid, since, Math.min(limit - used, limit * WALL_FACTOR - waited));
    }, delay).unref();
  }

  private settle(diagnostics: Diagnostic[] | undefined): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.resolve(diagnostics);
  }

  private overrun(why: string): void {
    this.settle(tooComplex(why));
    void this.stopWorker();
    this.pump();
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.current || this.waiting.size > 0) return;
    if (this.worker) hold(this.worker, false);
    this.idleTimer = setTimeout(() => void this.stopWorker(), this.options.idleMs).unref();
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    hold(worker, true); // whoever stops it waits for its exit
    worker.kill('SIGKILL');
    await exited;
  }

  private ensureWorker(): ChildProcess {
    if (this.worker) return this.worker;
    const worker = fork(workerScript, [], {
      // A session of its own (see the top of this file), and none of the platform's settings or secrets.
      detached: true,
      env: {},
      execArgv: [`--max-old-space-size=${this.options.memoryLimitMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    // V8's reason comes first, before a stack of native frames.
    worker.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(0, 2000)));
    worker.on('message', (reply: Reply) => {
      if (this.worker !== worker) return;
      if ('ready' in reply) this.ready = true;
      else if (reply.id === this.current?.id) this.settle(reply.diagnostics);
      this.pump();
    });
    worker.on('error', () => undefined); // an exit follows
    // 'close' comes once stderr is read to its end, where V8 says why it aborted.
    worker.on('close', (_code, signal) => {
      if (this.worker !== worker) return; // stopped on purpose
      const started = this.ready;
      this.worker = undefined;
      this.ready = false;
      // V8 aborts the process when a heap at its cap cannot be collected any more.
      this.settle(signal === 'SIGABRT' && /heap limit|out of memory/i.test(stderr) ? tooComplex(`it needed more than ${this.options.memoryLimitMb} MB`) : undefined);
      if (!started) {
        // TypeScript itself would not load: no check can succeed, so none is left waiting.
        for (const pending of this.waiting.values()) pending.resolve(undefined);
        this.waiting.clear();
      }
      this.pump();
    });
    // Held only while a check is waiting or running.
    hold(worker, false);
    this.worker = worker;
    return worker;
  }
}

const workerScript = fileURLToPath(new URL('./typecheck-worker.js', import.meta.url));

/** Whether the checker process keeps this one alive: only while someone awaits a check. */
function hold(worker: ChildProcess, held: boolean): void {
  const handles = [worker, worker.stderr, worker.channel] as Array<{ ref?(): void; unref?(): void } | null | undefined>;
  for (const handle of handles) {
    if (held) handle?.ref?.();
    else handle?.unref?.();
  }
}
