// The in-process runner: a bounded number of runs at once, a bounded queue behind them, and a
// clear "busy" beyond that. Runs happen in a runner host child process (started on first use and
// again if it dies), so a fault there never takes the platform down with it; the runs it was
// carrying are tried once more on the new host, with the same seed.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { KataBundle } from '../kata/bundle.js';
import type { RequestResult, RunResult } from '../result.js';
import type { SendRequest } from '../request/send.js';
import type { RunRequest } from '../run/run.js';
import { errorResult, requestError } from '../run/error-result.js';
import { BusyError, UnknownKataError, type BundleSource, type ProbeListener, type RequestJob, type Runner, type RunJob } from '../runner.js';
import { FairQueue } from './fair-queue.js';
import type { HostMessage, JobMessage, Work } from './protocol.js';
import { leaseSlots, releaseSlots } from './slots.js';

export interface RunPoolOptions {
  /** Where the pool finds the kata version a job names. */
  bundles: BundleSource;
  /** Runs at once (default: the number of cores). */
  concurrency?: number;
  /** Runs that may wait for a free slot (default: 4 per slot). */
  queueLimit?: number;
  /** Keep jails started ahead of time (default true; false measures cold starts). */
  prestart?: boolean;
}

/**
 * Runs one asker may have in the pool at once, running or waiting: beyond that it is that asker
 * who is told "busy", never the others. Runs without an asker (the CLI, validate) have no cap.
 */
const PER_ASKER = 2;

/** A run whose runner host died this many times is not tried again. */
const MAX_ATTEMPTS = 2;

type Result = RunResult | RequestResult;

interface Job {
  /** Who asked: the queue takes askers in turn. */
  key: string;
  work: Work;
  /** The result to give when the platform cannot carry the job out. */
  fail: (message: string) => Result;
  onProbe: ProbeListener;
  resolve: (result: Result) => void;
  attempts: number;
  /** Probe outcomes already told, so a retried run does not tell them twice. */
  told: number;
  seen: number;
}

const hostMain = new URL('./main.js', import.meta.url);

export class RunPool implements Runner {
  readonly concurrency: number;
  private readonly bundles: BundleSource;
  private readonly queueLimit: number;
  private readonly prestart: boolean;
  /** Jail slots (each a uid) leased for this pool: one per run at once, one per jail kept ready. */
  private readonly slots: number[];
  private readonly queue = new FairQueue<Job>();
  private readonly running = new Map<number, Job>();
  /** Jobs accepted but still looking up their bundle. */
  private resolving = 0;
  private host: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 0;
  private recentMs = 1000;
  private closed = false;
  private readonly releaseOnExit: () => void;

  constructor(options: RunPoolOptions) {
    this.bundles = options.bundles;
    this.concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
    this.queueLimit = Math.max(0, options.queueLimit ?? this.concurrency * 4);
    this.prestart = options.prestart ?? true;
    this.slots = leaseSlots(this.prestart ? 2 * this.concurrency : this.concurrency);
    this.releaseOnExit = () => releaseSlots(this.slots);
    process.once('exit', this.releaseOnExit);
  }

  /** The verdict; rejects with BusyError when the queue is full and UnknownKataError for a version the pool cannot find. */
  run(job: RunJob, onProbe: ProbeListener = () => undefined): Promise<RunResult> {
    return this.enqueue(job, onProbe, (bundle) => {
      const request: RunRequest = { bundle, code: job.code, mode: job.mode, seed: job.seed, limits: job.limits, isolation: job.isolation };
      return { work: { run: request }, fail: (message) => errorResult(request, message) };
    });
  }

  /** The raw response to the learner's request; rejects as run() does, and counts with the asker's runs. */
  send(job: RequestJob): Promise<RequestResult> {
    return this.enqueue(job, () => undefined, (bundle) => {
      const request: SendRequest = { bundle, code: job.code, request: job.request, limits: job.limits, isolation: job.isolation };
      return { work: { send: request }, fail: (message) => requestError(request, message) };
    });
  }

  private async enqueue<R extends Result>(
    job: { kata: string; version: number; key?: string },
    onProbe: ProbeListener,
    make: (bundle: KataBundle) => { work: Work; fail: (message: string) => R },
  ): Promise<R> {
    const waitingCount = this.queue.length + this.resolving;
    const key = job.key ?? '';
    const mine = key === '' ? 0 : this.queue.waiting(key) + [...this.running.values()].filter((j) => j.key === key).length;
    if (!this.closed && ((this.running.size >= this.concurrency && waitingCount >= this.queueLimit) || mine >= PER_ASKER)) {
      const waves = Math.ceil((waitingCount + 1) / this.concurrency);
      throw new BusyError(Math.max(1, Math.ceil((waves * this.recentMs) / 1000)));
    }
    this.resolving++;
    let bundle;
    try {
      bundle = await this.bundles(job.kata, job.version);
    } finally {
      this.resolving--;
    }
    if (!bundle) throw new UnknownKataError(job.kata, job.version);
    const { work, fail } = make(bundle);
    if (this.closed) return fail('the run pool is shut down');
    return new Promise((resolve) => {
      this.queue.push(key, { key, work, fail, onProbe, resolve: resolve as (result: Result) => void, attempts: 0, told: 0, seen: 0 });
      this.pump();
    });
  }

  /** Starts the runner host now rather than on the first run. */
  warm(): Promise<void> {
    return this.ensureHost();
  }

  get load(): { running: number; queued: number } {
    return { running: this.running.size, queued: this.queue.length + this.resolving };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.drain()) job.resolve(job.fail('the run pool is shut down'));
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
      job.attempts++;
      job.seen = 0;
      this.running.set(id, job);
      this.ensureHost().then(
        () => this.host!.send({ id, ...job.work } satisfies JobMessage),
        (err: Error) => this.complete(id, job.fail(err.message)),
      );
    }
  }

  private progress(id: number, probe: Parameters<ProbeListener>[0]): void {
    const job = this.running.get(id);
    if (!job) return;
    job.seen++;
    if (job.seen <= job.told) return;
    job.told = job.seen;
    job.onProbe(probe);
  }

  private complete(id: number, result: Result): void {
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
      env: { ...process.env, KATABOX_SLOTS: this.slots.join(','), KATABOX_RESERVE: String(this.prestart ? this.concurrency : 0) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.host = host;
    this.ready = new Promise((resolve, reject) => {
      host.on('message', (message: HostMessage) => {
        if ('ready' in message) resolve();
        else if ('probe' in message) this.progress(message.id, message.probe);
        else this.complete(message.id, message.result);
      });
      host.on('exit', (code, signal) => {
        const why = `the runner process stopped unexpectedly (${signal ?? `exit code ${code}`})`;
        reject(new Error(why));
        this.host = undefined;
        this.ready = undefined;
        const cut = [...this.running.values()];
        this.running.clear();
        const retry = cut.filter((job) => !this.closed && job.attempts < MAX_ATTEMPTS);
        for (const job of cut.filter((j) => !retry.includes(j))) {
          const message = this.closed ? why : `The runner stopped twice while running this code (${signal ?? `exit code ${code}`}); it was not tried again.`;
          job.resolve(job.fail(message));
        }
        // First in line again, on a fresh host, with the same seed.
        this.queue.pushFront(retry.map((job) => ({ key: job.key, item: job })));
        if (!this.closed) this.pump();
      });
    });
    return this.ready;
  }
}
