// The run queue: a bounded number of runs at once, a bounded queue behind them, and a clear
// "busy" beyond that. Runs happen in a runner host child process (started on first use and
// again if it dies), so a fault there never takes the platform down with it.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { RunResult } from '../result.js';
import type { RunRequest } from '../run/run.js';
import { errorResult } from '../run/error-result.js';
import type { ExpectRunsMessage, HostMessage, JobMessage } from './protocol.js';
import { leaseSlots, releaseSlots } from './slots.js';

export interface RunPoolOptions {
  /** Runs at once (default: the number of cores). */
  concurrency?: number;
  /** Runs that may wait for a free slot (default: 4 per slot). */
  queueLimit?: number;
  /** Keep jails started ahead of time (default true; false measures cold starts). */
  prestart?: boolean;
  /** Type-check in the runner too (default false: editors and the CLI check types themselves, off the verdict's path). */
  typeCheck?: boolean;
}

export class BusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`all run slots are busy, retry in ${retryAfterSeconds} s`);
    this.name = 'BusyError';
  }
}

interface Job {
  request: RunRequest;
  resolve: (result: RunResult) => void;
}

const hostMain = new URL('./main.js', import.meta.url);

export class RunPool {
  readonly concurrency: number;
  private readonly queueLimit: number;
  private readonly typeCheck: boolean;
  private readonly prestart: boolean;
  /** Jail slots (each a uid) leased for this pool: one per run at once, one per jail kept ready. */
  private readonly slots: number[];
  private readonly queue: Job[] = [];
  private readonly running = new Map<number, Job>();
  private host: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 0;
  private recentMs = 1000;
  private closed = false;
  private readonly releaseOnExit: () => void;

  constructor(options: RunPoolOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
    this.queueLimit = Math.max(0, options.queueLimit ?? this.concurrency * 4);
    this.typeCheck = options.typeCheck ?? false;
    this.prestart = options.prestart ?? true;
    this.slots = leaseSlots(this.prestart ? 2 * this.concurrency : this.concurrency);
    this.releaseOnExit = () => releaseSlots(this.slots);
    process.once('exit', this.releaseOnExit);
  }

  /** Resolves with the verdict; throws BusyError when the queue is full. */
  run(request: RunRequest): Promise<RunResult> {
    if (this.closed) return Promise.resolve(errorResult(request, 'the run pool is shut down'));
    if (this.running.size >= this.concurrency && this.queue.length >= this.queueLimit) {
      const waves = Math.ceil((this.queue.length + 1) / this.concurrency);
      throw new BusyError(Math.max(1, Math.ceil((waves * this.recentMs) / 1000)));
    }
    return new Promise((resolve) => {
      this.queue.push({ request, resolve });
      this.pump();
    });
  }

  /** Starts the runner host now rather than on the first run. */
  warm(): Promise<void> {
    return this.ensureHost();
  }

  /** Runs are coming soon (a learner opened a kata, or edits one): have everything they need loaded. */
  expectRuns(): void {
    if (this.closed || !this.typeCheck) return;
    this.ensureHost().then(
      () => this.host?.send({ expectRuns: true } satisfies ExpectRunsMessage),
      () => undefined,
    );
  }

  get load(): { running: number; queued: number } {
    return { running: this.running.size, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(errorResult(job.request, 'the run pool is shut down'));
    const host = this.host;
    if (host && host.exitCode === null) {
      const exited = new Promise((resolve) => host.once('exit', resolve));
      // Disconnecting lets the host kill the jails it started ahead of time before it exits.
      host.disconnect();
      const force = setTimeout(() => host.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(force);
    }
    releaseSlots(this.slots);
    process.off('exit', this.releaseOnExit);
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const id = ++this.nextId;
      this.running.set(id, job);
      this.ensureHost().then(
        () => this.host!.send({ id, request: job.request } satisfies JobMessage),
        (err: Error) => this.complete(id, errorResult(job.request, err.message)),
      );
    }
  }

  private complete(id: number, result: RunResult): void {
    const job = this.running.get(id);
    if (!job) return;
    this.running.delete(id);
    if (result.timings.totalMs > 0) this.recentMs = Math.round(0.8 * this.recentMs + 0.2 * result.timings.totalMs);
    job.resolve(result);
    this.pump();
  }

  private ensureHost(): Promise<void> {
    if (this.ready) return this.ready;
    const host = fork(hostMain, [], {
      execArgv: ['--no-node-snapshot'],
      env: { ...process.env, KATABOX_TYPECHECK: this.typeCheck ? '1' : '0', KATABOX_SLOTS: this.slots.join(','), KATABOX_RESERVE: String(this.prestart ? this.concurrency : 0) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.host = host;
    this.ready = new Promise((resolve, reject) => {
      host.on('message', (message: HostMessage) => {
        if ('ready' in message) resolve();
        else this.complete(message.id, message.result);
      });
      host.on('exit', (code, signal) => {
        const why = `the runner process stopped unexpectedly (${signal ?? `exit code ${code}`})`;
        reject(new Error(why));
        this.host = undefined;
        this.ready = undefined;
        for (const [id, job] of [...this.running]) this.complete(id, errorResult(job.request, why));
      });
    });
    return this.ready;
  }
}
